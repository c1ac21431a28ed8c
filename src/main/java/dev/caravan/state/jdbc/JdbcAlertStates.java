package dev.caravan.state.jdbc;

import javax.sql.DataSource;
import java.util.Optional;

/** What the alert channels were last told about each subject, in {@code caravan.alert_states}. */
public final class JdbcAlertStates {
    private final Jdbc jdbc;

    public JdbcAlertStates(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** Records {@code state} for {@code subject} and returns the state before, if there was one. */
    public Optional<String> replace(String subject, String state) {
        return jdbc.replaceText("record alert state", "caravan.alert_states", "subject", "state", subject, state);
    }
}
