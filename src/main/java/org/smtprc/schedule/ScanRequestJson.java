package org.smtprc.schedule;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.smtprc.scan.ScanRequest;

/** A schedule's scan request as stored: the JSON of the request, so that fields scan requests gain later are kept. */
@ApplicationScoped
public class ScanRequestJson {

    private Jsonb jsonb;

    @PostConstruct
    void open() {
        jsonb = JsonbBuilder.create();
    }

    @PreDestroy
    void close() {
        try {
            jsonb.close();
        } catch (Exception ignored) {
            // nothing is left to release at undeploy
        }
    }

    public String write(ScanRequest request) {
        return jsonb.toJson(request);
    }

    public ScanRequest read(String json) {
        return jsonb.fromJson(json, ScanRequest.class);
    }
}
