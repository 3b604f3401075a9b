package org.smtprc.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One simulated host: an address, a personality, its listener and what it observed. Kept small because a lab may
 * hold thousands: the command log and greylist memory only exist once a client has talked to the host.
 */
final class LabHost {

    /** Long enough for any sane command; the log must stay bounded whatever a client sends. */
    private static final int MAX_RECORDED_COMMAND = 512;

    private final int address;
    private final Personality personality;
    private final AtomicInteger connections = new AtomicInteger();
    private volatile ServerSocket listener;
    private ArrayDeque<String> commands;
    private Set<String> greylisted;

    LabHost(int address, Personality personality) {
        this.address = address;
        this.personality = personality;
    }

    Personality personality() {
        return personality;
    }

    String literal() {
        return LoopbackBlock.format(address);
    }

    InetAddress inetAddress() {
        return LoopbackBlock.inetAddress(address);
    }

    /** The name the host announces in its greeting and EHLO reply, and puts in its Received header. */
    String name() {
        return "mx-" + literal().replace('.', '-') + ".lab.test";
    }

    void listenOn(ServerSocket socket) {
        listener = socket;
    }

    void stopListening() {
        ServerSocket socket = listener;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException alreadyGone) {
                // nothing left to release
            }
        }
    }

    void connectionAccepted() {
        connections.incrementAndGet();
    }

    int connections() {
        return connections.get();
    }

    /** Keeps the most recent commands, oldest dropped first once {@code limit} is reached. */
    synchronized void record(String command, int limit) {
        if (commands == null) {
            commands = new ArrayDeque<>();
        }
        if (commands.size() == limit) {
            commands.removeFirst();
        }
        commands.addLast(command.length() > MAX_RECORDED_COMMAND ? command.substring(0, MAX_RECORDED_COMMAND) : command);
    }

    synchronized List<String> commands() {
        return commands == null ? List.of() : List.copyOf(commands);
    }

    /** True the first time this (client, sender, recipient) triple asks; a greylisting host defers it then. */
    synchronized boolean firstSighting(String clientIp, String sender, String recipient) {
        if (greylisted == null) {
            greylisted = new HashSet<>();
        }
        return greylisted.add(clientIp + "\n" + sender + "\n" + recipient);
    }
}
