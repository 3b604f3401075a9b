package org.smtprc.config;

import org.jboss.as.network.SocketBinding;
import org.jboss.msc.Service;
import org.jboss.msc.service.ServiceActivator;
import org.jboss.msc.service.ServiceActivatorContext;
import org.jboss.msc.service.ServiceBuilder;
import org.jboss.msc.service.ServiceName;
import org.jboss.msc.service.StartContext;
import org.jboss.msc.service.StopContext;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The socket binding {@value #NAME} (wildfly-config/receiver-binding.cli) as WildFly resolves it: its interface's
 * address, its port plus the server's port offset. A deployment cannot read the management model while the server
 * boots (WFLYCTL0216), so WildFly runs this service activator (META-INF/services) as it installs the deployment, at
 * boot and on every redeploy alike, and it asks for the binding's own service, which starts on demand for it. The
 * classes come from WildFly's modules org.jboss.msc and org.jboss.as.network (jboss-deployment-structure.xml).
 */
public final class ReceiverSocketBinding implements ServiceActivator {

    static final String NAME = "smtprc-receiver";
    /** The service of the capability org.wildfly.network.socket-binding for this binding. */
    private static final ServiceName BINDING = ServiceName.parse("org.wildfly.network.socket-binding." + NAME);
    /** One per deployment: each deployment loads this class afresh. */
    private static final CompletableFuture<Optional<InetSocketAddress>> RESOLVED = new CompletableFuture<>();

    @Override
    public void activate(ServiceActivatorContext context) {
        if (context.getServiceRegistry().getService(BINDING) == null) {
            RESOLVED.complete(Optional.empty());
            return;
        }
        ServiceBuilder<?> builder = context.getServiceTarget().addService();
        Supplier<SocketBinding> binding = builder.requires(BINDING);
        builder.setInstance(new Service() {
            @Override
            public void start(StartContext start) {
                RESOLVED.complete(Optional.of(binding.get().getSocketAddress()));
            }

            @Override
            public void stop(StopContext stop) {
                // nothing held: the receiver opens its own socket on the address
            }
        }).install();
    }

    /**
     * The binding's address and port, empty when the server has no such binding; waits at most {@code limit} for the
     * binding's service, which starts as the deployment is installed.
     */
    static Optional<InetSocketAddress> resolved(Duration limit) {
        try {
            return RESOLVED.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the socket binding " + NAME + " did not start within " + limit.toSeconds()
                    + " s: check its interface (bin/jboss-cli.sh -c '/socket-binding-group=standard-sockets/socket-binding="
                    + NAME + ":read-resource') and the server log");
        } catch (ExecutionException e) {
            throw new IllegalStateException("the socket binding " + NAME + " could not be read: " + e.getCause(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the socket binding " + NAME, e);
        }
    }
}
