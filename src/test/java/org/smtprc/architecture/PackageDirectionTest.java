package org.smtprc.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Package ties run one way, from the adapters down to the plain domain (see the README's "What is where"):
 * <ol>
 *   <li>adapters: {@code api} (REST), {@code scan.batch} (the job's artifacts), {@code inbound} (JMS, the
 *       message-driven bean, mailbox polling), {@code health} (readiness and liveness checks), {@code metrics} (the meters WildFly's Micrometer
 *       serves), {@code migration} (the schema migrations, run as the persistence unit starts);</li>
 *   <li>the operator's loop: {@code owners}, {@code notices}, {@code recheck}, {@code schedule},
 *       {@code history}: who owns which network, the notices they get, re-checks, recurring scans, diffs;</li>
 *   <li>{@code confirmation}: the proof ledger, which writes proof onto stored hosts;</li>
 *   <li>{@code scan}: scans, their blocks and hosts in the database, and the operator's actions;</li>
 *   <li>{@code audit}, {@code config}: the audit trail, settings and secrets;</li>
 *   <li>the domain: {@code addresses}, {@code probe}, {@code proof}, {@code receiver}, {@code report}: plain
 *       Java, without the container.</li>
 * </ol>
 */
class PackageDirectionTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.smtprc");
    }

    @Test
    void layersDependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("adapters").definedBy("org.smtprc.api..", "org.smtprc.scan.batch..", "org.smtprc.inbound..",
                        "org.smtprc.health..", "org.smtprc.metrics..", "org.smtprc.migration..")
                .layer("operations").definedBy("org.smtprc.owners..", "org.smtprc.notices..",
                        "org.smtprc.recheck..", "org.smtprc.schedule..", "org.smtprc.history..")
                .layer("confirmation").definedBy("org.smtprc.confirmation..")
                .layer("scan").definedBy("org.smtprc.scan")
                .layer("foundation").definedBy("org.smtprc.audit..", "org.smtprc.config..")
                .layer("domain").definedBy("org.smtprc.addresses..", "org.smtprc.probe..", "org.smtprc.proof..",
                        "org.smtprc.receiver..", "org.smtprc.report..")
                .whereLayer("adapters").mayNotBeAccessedByAnyLayer()
                .whereLayer("operations").mayOnlyBeAccessedByLayers("adapters")
                .whereLayer("confirmation").mayOnlyBeAccessedByLayers("adapters", "operations")
                .whereLayer("scan").mayOnlyBeAccessedByLayers("adapters", "operations", "confirmation")
                .whereLayer("foundation").mayOnlyBeAccessedByLayers("adapters", "operations", "confirmation", "scan")
                .check(classes);
    }

    @Test
    void theDomainKnowsNothingOfTheContainer() {
        noClasses().that().resideInAnyPackage("org.smtprc.addresses..", "org.smtprc.probe..", "org.smtprc.proof..",
                        "org.smtprc.receiver..", "org.smtprc.report..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "org.jboss..", "org.wildfly..",
                        "org.hibernate..", "org.jberet..")
                .check(classes);
    }

    /** The terminal client is a jar of its own that talks to the server over HTTP only (see "The terminal client"). */
    @Test
    void theTerminalClientStandsAlone() {
        noClasses().that().resideInAPackage("org.smtprc.client..")
                .should().dependOnClassesThat().resideOutsideOfPackages("org.smtprc.client..", "java..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("org.smtprc.client..")
                .should().dependOnClassesThat().resideInAPackage("org.smtprc.client..")
                .check(classes);
    }

    @Test
    void noCyclesBetweenRooms() {
        slices().matching("org.smtprc.(**)").should().beFreeOfCycles().check(classes);
    }
}
