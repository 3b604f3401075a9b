package org.smtprc.receiver;

import java.io.IOException;
import java.net.Socket;

/**
 * One client connection as the receiver watches it: whose it is, since when, when it last sent a whole line,
 * whether it is inside DATA, and why it has to end. Times are {@link System#nanoTime()} readings.
 */
final class ClientConnection {

    private final Socket socket;
    private final String client;
    private final long openedAt;
    private volatile long lastHeard;
    private volatile long dataDeadline;
    private volatile String endReply;
    private volatile long endedAt;

    ClientConnection(Socket socket, String client, long now) {
        this.socket = socket;
        this.client = client;
        this.openedAt = now;
        this.lastHeard = now;
    }

    Socket socket() {
        return socket;
    }

    /** The client as the per-client cap counts it: an IPv4 address or an IPv6 /64. */
    String client() {
        return client;
    }

    long openedAt() {
        return openedAt;
    }

    long idleSince() {
        return lastHeard;
    }

    /** The client sent a whole line. */
    void heard(long now) {
        lastHeard = now;
    }

    /** DATA began: the message must be complete by {@code deadline}. */
    void dataUntil(long deadline) {
        dataDeadline = deadline;
    }

    void dataDone() {
        dataDeadline = 0;
    }

    /** When DATA must be over, or 0 outside DATA. */
    long dataDeadline() {
        return dataDeadline;
    }

    /**
     * Asks the session to end with {@code reply}: its pending read sees the end of the stream, it answers and
     * closes. The first reason given wins; false if the connection was ending already.
     */
    synchronized boolean end(String reply, long now) {
        if (endReply != null) {
            return false;
        }
        endReply = reply;
        endedAt = now;
        try {
            socket.shutdownInput();
        } catch (IOException alreadyClosed) {
            // the session is over anyway
        }
        return true;
    }

    /** The 421 reply the session owes the client because it was ended, or null. */
    String endReply() {
        return endReply;
    }

    boolean ending() {
        return endReply != null;
    }

    long endedAt() {
        return endedAt;
    }

    void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
