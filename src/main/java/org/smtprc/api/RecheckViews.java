package org.smtprc.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.smtprc.recheck.Recheck;
import org.smtprc.recheck.Rechecks;
import org.smtprc.scan.Scans;

import java.util.List;

/** Builds {@link RecheckView}s: the re-check, its scan's forms tried first, its hosts. */
@ApplicationScoped
class RecheckViews {

    @Inject
    Rechecks rechecks;

    @Inject
    Scans scans;

    RecheckView of(Recheck recheck) {
        List<String> formsFirst = recheck.getRecheckScanId() == null ? List.of()
                : scans.find(recheck.getRecheckScanId()).getFormsFirst();
        return RecheckView.of(recheck, formsFirst, rechecks.hosts(recheck.getId()));
    }
}
