package org.smtprc.lab;

import java.net.InetAddress;
import java.util.List;

/**
 * A message a lab relay accepted and must hand on.
 *
 * @param relayAddress the relaying host's own address: the delivery leaves from it, as a real MTA's would
 * @param relayName    the name the relay greets the next hop with
 * @param mailFrom     the reverse path as the client gave it (may be empty: the null sender)
 * @param recipients   the normalised mailboxes
 * @param data         the message as the relay will pass it on (headers already rewritten), not dot-stuffed
 */
record RelayedMessage(InetAddress relayAddress, String relayName, String mailFrom, List<String> recipients, byte[] data) {
}
