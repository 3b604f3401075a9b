package org.smtprc.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The accounts src/test/scripts/test-users.sh creates: one per role, and one with no SmtpRC role. */
public final class TestUsers {

    public record User(String name, String password) {
    }

    public static final User OPERATOR = new User("smtprc-operator", "Operator-pw-1");
    public static final User VIEWER = new User("smtprc-viewer", "Viewer-pw-1");
    public static final User NOBODY = new User("smtprc-nobody", "Nobody-pw-1");

    private TestUsers() {
    }

    /** Adds the test users to a server's configuration directories (WildFly's own add-user.sh). */
    public static void addTo(Path jbossHome, Path... configDirs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "src/test/scripts/test-users.sh", jbossHome.toString()));
        for (Path dir : configDirs) {
            command.add(dir.toAbsolutePath().toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("adding the test users failed: " + command);
        }
    }
}
