package org.smtprc.health;

import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseReadinessTest {

    private final List<String> calls = new ArrayList<>();

    @Test
    void aConnectionThatValidatesIsReadyAndIsGivenBack() {
        assertThat(DatabaseReadiness.problem(dataSource(true, null), 3)).isEmpty();
        assertThat(calls).containsExactly("getConnection", "isValid 3", "close");
    }

    @Test
    void aConnectionThatDoesNotValidateInTimeIsNotReady() {
        assertThat(DatabaseReadiness.problem(dataSource(false, null), 2)).hasValueSatisfying(reason ->
                assertThat(reason).contains("SmtpRcDS", "did not answer a validation within 2 s"));
        assertThat(calls).contains("close");
    }

    @Test
    void noConnectionIsNotReadyWithTheDriversReason() {
        assertThat(DatabaseReadiness.problem(dataSource(true, new SQLException("Connection refused")), 5))
                .hasValueSatisfying(reason -> assertThat(reason).contains("is unreachable: Connection refused"));
    }

    private DataSource dataSource(boolean valid, SQLException refusal) {
        Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isValid" -> {
                        calls.add("isValid " + args[0]);
                        yield valid;
                    }
                    case "close" -> {
                        calls.add("close");
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    calls.add("getConnection");
                    if (refusal != null) {
                        throw refusal;
                    }
                    return connection;
                });
    }
}
