package org.smtprc.owners;

import org.smtprc.addresses.Network;

/**
 * Who owns a network: a customer's name, the address their notices go to, an optional reference (contract or
 * ticket id), and whether the operator holds their notices.
 */
public record Owner(Long id, Network network, String name, String contact, String reference, boolean noticesHeld) {

    /** The same owner with another hold state. */
    public Owner held(boolean held) {
        return new Owner(id, network, name, contact, reference, held);
    }
}
