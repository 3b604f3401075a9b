package org.smtprc.owners;

import org.smtprc.addresses.Network;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Finds the owner of an address: the most specific owner network that contains it (the longest prefix). One hash
 * look-up per prefix length in use, whatever the number of owners.
 */
public final class OwnerDirectory {

    private final Map<Network, Owner> byNetwork = new HashMap<>();
    private final TreeSet<Integer> v4Prefixes = new TreeSet<>();
    private final TreeSet<Integer> v6Prefixes = new TreeSet<>();

    public OwnerDirectory(List<Owner> owners) {
        for (Owner owner : owners) {
            Network network = owner.network();
            byNetwork.put(network, owner);
            (network.v6() ? v6Prefixes : v4Prefixes).add(network.prefix());
        }
    }

    /** The owner of the address literal ({@code 198.51.100.7}, {@code 2001:db8::7}), or empty: the operator's. */
    public Optional<Owner> ownerOf(String address) {
        Network host = Network.address(address);
        for (int prefix : (host.v6() ? v6Prefixes : v4Prefixes).descendingSet()) {
            Owner owner = byNetwork.get(host.widenedTo(prefix));
            if (owner != null) {
                return Optional.of(owner);
            }
        }
        return Optional.empty();
    }
}
