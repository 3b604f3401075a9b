package org.smtprc.probe;

import java.time.Duration;
import java.util.List;
import org.smtprc.addresses.Scope;

/**
 * Probe settings for tests: a scan's defaults (the built-in "quick" profile, a minimal message, the HELO name the
 * probe domain), changed one at a time, e.g. {@code TestProbeSettings.of("probe.lab").forms(FULL).build()}.
 */
final class TestProbeSettings {

    private String heloName;
    private String probeLocalPart = "relaytest";
    private String probeDomain;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration commandTimeout = Duration.ofSeconds(20);
    private Duration hostBudget = Duration.ofSeconds(90);
    private boolean rcptOnly;
    private boolean messagePerForm;
    private List<RelayForm> forms = Battery.builtIn().profile("quick");
    private MessageComposer composer = new MinimalProbeMessage();
    private Scope scope = Scope.loopback();

    private TestProbeSettings() {
    }

    /** The defaults, with {@code probeDomain} as probe domain and HELO name. */
    static TestProbeSettings of(String probeDomain) {
        TestProbeSettings settings = new TestProbeSettings();
        settings.heloName = probeDomain;
        settings.probeDomain = probeDomain;
        return settings;
    }

    /** A copy of {@code settings} to change. */
    static TestProbeSettings from(ProbeSettings settings) {
        TestProbeSettings copy = new TestProbeSettings();
        copy.heloName = settings.heloName();
        copy.probeLocalPart = settings.probeLocalPart();
        copy.probeDomain = settings.probeDomain();
        copy.connectTimeout = settings.connectTimeout();
        copy.commandTimeout = settings.commandTimeout();
        copy.hostBudget = settings.hostBudget();
        copy.rcptOnly = settings.rcptOnly();
        copy.messagePerForm = settings.messagePerForm();
        copy.forms = settings.forms();
        copy.composer = settings.composer();
        copy.scope = settings.scope();
        return copy;
    }

    TestProbeSettings heloName(String name) {
        heloName = name;
        return this;
    }

    TestProbeSettings timeouts(Duration connect, Duration command, Duration budget) {
        connectTimeout = connect;
        commandTimeout = command;
        hostBudget = budget;
        return this;
    }

    TestProbeSettings rcptOnly(boolean only) {
        rcptOnly = only;
        return this;
    }

    TestProbeSettings messagePerForm(boolean perForm) {
        messagePerForm = perForm;
        return this;
    }

    TestProbeSettings forms(List<RelayForm> tests) {
        forms = tests;
        return this;
    }

    TestProbeSettings composer(MessageComposer messageComposer) {
        composer = messageComposer;
        return this;
    }

    TestProbeSettings scope(Scope networks) {
        scope = networks;
        return this;
    }

    ProbeSettings build() {
        return new ProbeSettings(heloName, probeLocalPart, probeDomain, connectTimeout, commandTimeout, hostBudget,
                rcptOnly, messagePerForm, forms, composer, scope);
    }
}
