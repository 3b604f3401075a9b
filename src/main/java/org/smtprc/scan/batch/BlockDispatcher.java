package org.smtprc.scan.batch;

import jakarta.annotation.Resource;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.MapMessage;
import jakarta.jms.Queue;
import org.smtprc.scan.ScanBlock;
import org.smtprc.scan.ScanService;
import org.smtprc.scan.Scans;

import java.util.logging.Logger;

/**
 * In a cluster: puts one message per block not yet taken on the clustered block queue, which spreads them over the
 * nodes; the node that takes one runs the block as a job of its own ({@link AddressBlockConsumer}). The sends are
 * persistent and outside any transaction: the queue has every block once this step ends. Each block is marked as handed
 * out first: one that no node has taken a lease later was lost on the way, and a live node's heartbeat takes it over
 * ({@code NodeLeases#orphaned}).
 */
@Named
@Dependent
public class BlockDispatcher extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(BlockDispatcher.class.getName());

    @Inject
    JobContext job;

    @Inject
    JobScan jobScan;

    @Inject
    Scans scans;

    @Resource(lookup = "java:/ConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = AddressBlockConsumer.QUEUE)
    Queue queue;

    @Override
    public String process() throws JMSException {
        long id = jobScan.id();
        int sent = 0;
        try (JMSContext jms = connectionFactory.createContext()) {
            JMSProducer producer = jms.createProducer();
            for (ScanBlock block : scans.handOut(id)) {
                MapMessage message = jms.createMapMessage();
                message.setLong(AddressBlockConsumer.SCAN, id);
                message.setInt(AddressBlockConsumer.BLOCK, block.getNumber());
                producer.send(queue, message);
                sent++;
            }
        }
        int count = sent;
        LOG.info(() -> "scan " + id + ": " + count + " block(s) handed to the cluster's nodes");
        // The job stops here (relay-scan.xml); its listener must see why before the stop is recorded.
        job.setExitStatus(ScanService.BLOCKS_DISPATCHED);
        return "DISPATCHED";
    }
}
