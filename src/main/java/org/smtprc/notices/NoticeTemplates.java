package org.smtprc.notices;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.smtprc.config.Settings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The notice templates: the operator's file of each kind in {@code smtprc.notices.template-dir} when there is one,
 * else the application's own ({@code smtprc/notices/*.txt} in the WAR). Read anew for every scan, so an edit takes
 * effect without a redeploy.
 */
@ApplicationScoped
public class NoticeTemplates {

    @Inject
    Settings settings;

    NoticeTemplate of(NoticeKind kind) {
        String folder = settings.noticesTemplateDirectory();
        Path file = folder.isEmpty() ? null : Path.of(folder, kind.templateName());
        if (file != null && Files.isRegularFile(file)) {
            try {
                return NoticeTemplate.parse(Files.readString(file), file.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the notice template " + file + ": " + e.getMessage(), e);
            }
        }
        return builtIn(kind);
    }

    static NoticeTemplate builtIn(NoticeKind kind) {
        String resource = "/smtprc/notices/" + kind.templateName();
        try (InputStream in = NoticeTemplates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the built-in notice template " + resource + " is missing");
            }
            return NoticeTemplate.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
