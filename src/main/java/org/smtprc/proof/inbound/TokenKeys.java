package org.smtprc.proof.inbound;

import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.smtprc.proof.ProofToken;

/** The installation's proof token, keyed by a secret generated on first use and kept in the database. */
@Singleton
public class TokenKeys {

    @PersistenceContext(unitName = "smtprc")
    EntityManager em;

    private ProofToken token;

    @Lock(LockType.WRITE)
    public ProofToken token() {
        if (token == null) {
            InstallationKey key = em.find(InstallationKey.class, InstallationKey.TOKEN_KEY);
            if (key == null) {
                key = new InstallationKey(InstallationKey.TOKEN_KEY, ProofToken.newKey());
                em.persist(key);
            }
            token = new ProofToken(key.getBytes());
        }
        return token;
    }
}
