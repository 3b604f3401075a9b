package org.smtprc.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the in-app receiver listens. Each half comes from, first to last: its setting ({@code smtprc.receiver.address},
 * {@code smtprc.receiver.port}, taken as it is, no port offset), else the socket binding {@code smtprc-receiver} (its
 * interface's address; its port plus the server's port offset), else the setting's default (a server configured
 * without wildfly-config/receiver-binding.cli).
 */
@ApplicationScoped
public class ReceiverEndpoint {

    /** The binding's service starts as the deployment is installed; this only covers a busy server's boot. */
    private static final Duration BINDING_WAIT = Duration.ofSeconds(30);

    @Inject
    Settings settings;

    /** The address and port the receiver takes, and where each came from. */
    public Chosen chosen() {
        Optional<String> address = settings.receiverAddressSetting();
        Optional<Integer> port = settings.receiverPortSetting();
        Optional<InetSocketAddress> binding = address.isPresent() && port.isPresent() ? Optional.empty()
                : ReceiverSocketBinding.resolved(BINDING_WAIT);
        return choose(address, port, binding, settings.receiverBindAddress(), settings.receiverPort());
    }

    static Chosen choose(Optional<String> address, Optional<Integer> port, Optional<InetSocketAddress> binding,
                         String defaultAddress, int defaultPort) {
        String bindingName = "socket binding " + ReceiverSocketBinding.NAME;
        String chosenAddress = address.or(() -> binding.map(b -> b.getAddress().getHostAddress())).orElse(defaultAddress);
        int chosenPort = port.or(() -> binding.map(InetSocketAddress::getPort)).orElse(defaultPort);
        String none = "the default: the server has no " + bindingName;
        String addressFrom = address.isPresent() ? "smtprc.receiver.address" : binding.isPresent() ? bindingName : none;
        String portFrom = port.isPresent() ? "smtprc.receiver.port" : binding.isPresent() ? bindingName : none;
        String from = addressFrom.equals(portFrom) ? addressFrom : "address: " + addressFrom + ", port: " + portFrom;
        return new Chosen(chosenAddress, chosenPort, from);
    }

    /**
     * @param address an address literal (the receiver never asks DNS)
     * @param from    where the address and port came from, in the operator's words (for the log)
     */
    public record Chosen(String address, int port, String from) {

        @Override
        public String toString() {
            return address + ":" + port;
        }
    }
}
