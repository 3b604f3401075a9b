package org.smtprc.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;

/** The system tests deploy the product WAR exactly as the build packaged it. */
public final class SmtpRcDeployment {

    /** The lab's relays deliver here: the test server's receiver (see arquillian.xml). */
    public static final int RECEIVER_PORT = Integer.getInteger("smtprc.it.receiver-port", 10125);
    public static final String LAB_PORT = "2525";

    private SmtpRcDeployment() {
    }

    public static WebArchive war() {
        File war = new File(System.getProperty("smtprc.war", "target/smtprc.war"));
        return ShrinkWrap.create(ZipImporter.class, "smtprc.war").importFrom(war).as(WebArchive.class);
    }
}
