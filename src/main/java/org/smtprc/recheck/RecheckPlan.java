package org.smtprc.recheck;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a re-check scan probes: the relaying hosts' addresses and their ports, and the forms they accepted, to be
 * tried first. A scan probes every target on every port, so hosts found on different ports are probed on each of
 * those ports; every such endpoint was probed by the original scan already (its targets times its ports), and only
 * the relaying endpoints are judged.
 */
public record RecheckPlan(String targets, String ports, List<String> formsFirst) {

    /** One relaying host of the original scan: where it is and the forms it accepted, in the order they ran. */
    public record Relay(String address, int port, List<String> acceptedForms) {
    }

    public static RecheckPlan of(List<Relay> relays) {
        if (relays.isEmpty()) {
            throw new IllegalArgumentException("a re-check needs at least one relaying host");
        }
        Set<String> addresses = new LinkedHashSet<>();
        Set<Integer> ports = new TreeSet<>();
        Set<String> forms = new LinkedHashSet<>();
        for (Relay relay : relays) {
            addresses.add(relay.address());
            ports.add(relay.port());
            forms.addAll(relay.acceptedForms());
        }
        List<String> portTexts = new ArrayList<>();
        ports.forEach(port -> portTexts.add(Integer.toString(port)));
        return new RecheckPlan(String.join(", ", addresses), String.join(",", portTexts), List.copyOf(forms));
    }
}
