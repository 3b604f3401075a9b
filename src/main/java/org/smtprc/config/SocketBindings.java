package org.smtprc.config;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.Set;

/**
 * WildFly's socket bindings as the server resolved them: the interface's address (after {@code -b} and its
 * expressions) and the port plus the group's port offset, unless the binding's port is fixed. Read from the
 * resolved management model that WildFly's JMX subsystem publishes in the platform MBean server: plain JDK API,
 * where the binding's own service (MSC) would need WildFly's private modules in the deployment.
 */
final class SocketBindings {

    /** Where a binding listens. */
    record Resolved(String address, int port) {
    }

    private SocketBindings() {
    }

    /** The binding, or empty when the server has none of that name (or is no WildFly, as in unit tests). */
    static Optional<Resolved> resolve(String name) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            // whatever the group is called (standard-sockets unless the operator renamed it)
            Set<ObjectName> found = server.queryNames(
                    new ObjectName("jboss.as:socket-binding-group=*,socket-binding=" + name), null);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            ObjectName binding = found.iterator().next();
            ObjectName group = new ObjectName("jboss.as:socket-binding-group="
                    + binding.getKeyProperty("socket-binding-group"));
            int port = ((Number) server.getAttribute(binding, "port")).intValue();
            boolean fixedPort = Boolean.TRUE.equals(server.getAttribute(binding, "fixedPort"));
            int offset = fixedPort ? 0 : ((Number) server.getAttribute(group, "portOffset")).intValue();
            Object bindingInterface = server.getAttribute(binding, "interface");
            String interfaceName = bindingInterface != null ? bindingInterface.toString()
                    : server.getAttribute(group, "defaultInterface").toString();
            Object address = server.getAttribute(new ObjectName("jboss.as:interface=" + interfaceName), "resolvedAddress");
            if (address == null) {
                throw new IllegalStateException("the interface " + interfaceName + " of socket binding " + name
                        + " has no address on this machine; fix the interface or set smtprc.receiver.address");
            }
            return Optional.of(new Resolved(address.toString(), port + offset));
        } catch (JMException e) {
            throw new IllegalStateException("the socket binding " + name + " cannot be read (" + e
                    + "); check it with /socket-binding-group=standard-sockets/socket-binding=" + name
                    + ":read-resource", e);
        }
    }
}
