package org.smtprc.scan.batch;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import org.smtprc.config.Settings;
import org.smtprc.scan.ScanService;
import org.smtprc.scan.ScanStatus;
import org.smtprc.scan.Scans;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * In a cluster: takes an address block off the clustered block queue, on whichever node the queue handed it to, and
 * runs it here as a {@code relay-block} job. Taking the block is one conditional update in the shared database, so a
 * message delivered twice runs its block once. Outside any transaction: the take commits before the job starts, and
 * the message is acknowledged when this returns.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = AddressBlockConsumer.QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AddressBlockConsumer implements MessageListener {

    /** The clustered queue of address blocks (wildfly-config/messaging.cli). */
    static final String QUEUE = "java:/jms/queue/SmtpRcBlocks";
    static final String SCAN = "scanId";
    static final String BLOCK = "block";

    private static final Logger LOG = Logger.getLogger(AddressBlockConsumer.class.getName());

    @Inject
    Scans scans;

    @Inject
    ScanService service;

    @Inject
    Settings settings;

    @Override
    public void onMessage(Message message) {
        long scanId;
        int block;
        try {
            MapMessage blockMessage = (MapMessage) message;
            scanId = blockMessage.getLong(SCAN);
            block = blockMessage.getInt(BLOCK);
        } catch (JMSException | ClassCastException | NumberFormatException notABlock) {
            LOG.warning(() -> "a message on the block queue names no address block, dropped: " + notABlock);
            return;
        }
        Optional<ScanStatus> status = scans.status(scanId);
        if (status.isEmpty() || status.get() != ScanStatus.PROBING) {
            LOG.info(() -> "block " + block + " of scan " + scanId + " not run: the scan is "
                    + status.map(s -> s + " (a restart hands it out again)").orElse("gone"));
            return;
        }
        if (!scans.claimBlock(scanId, block)) {
            LOG.info(() -> "block " + block + " of scan " + scanId + " is taken already (or gone): not run again");
            return;
        }
        long execution = service.startBlock(scanId, block);
        LOG.info(() -> "block " + block + " of scan " + scanId + " runs on node " + settings.nodeName()
                + " as job execution " + execution);
    }
}
