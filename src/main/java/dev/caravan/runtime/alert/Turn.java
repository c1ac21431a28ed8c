package dev.caravan.runtime.alert;

import dev.caravan.state.jdbc.JdbcAlertStates;

import java.util.Optional;

/**
 * How a watched condition moved since the channels were last told: it turned bad, turned good
 * again, or stayed as it was (nothing to send). Records the new state as it reads the old.
 */
enum Turn {
    BAD, GOOD, NONE;

    static Turn of(JdbcAlertStates states, String subject, boolean bad, String badState, String goodState) {
        Optional<String> before = states.replace(subject, bad ? badState : goodState);
        if (bad && !before.equals(Optional.of(badState))) {
            return BAD;
        }
        return !bad && before.equals(Optional.of(badState)) ? GOOD : NONE;
    }
}
