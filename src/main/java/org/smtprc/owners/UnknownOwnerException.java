package org.smtprc.owners;

/** No owner network has this id. */
public class UnknownOwnerException extends RuntimeException {

    public UnknownOwnerException(long id) {
        super("no owner network has id " + id + "; GET /api/owners lists them");
    }
}
