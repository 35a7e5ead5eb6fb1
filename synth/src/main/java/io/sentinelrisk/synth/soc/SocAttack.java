package io.sentinelrisk.synth.soc;

import io.sentinelrisk.core.error.InputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The attacks that {@link SocGenerator} plants among normal activity. */
public enum SocAttack {
    /** A late-night transfer of many times the user's usual outbound bytes from an untrusted device. */
    DATA_EXFILTRATION,
    /** A login thousands of km from the user's previous event, minutes after it. */
    IMPOSSIBLE_TRAVEL,
    /** A storm of 20–50 failed logins within minutes from one untrusted device; none succeeds. */
    BRUTE_FORCE;

    /** The name used in the {@code scenario} column and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SocAttack parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (SocAttack a : values()) {
            if (a.id().equals(t)) {
                return a;
            }
        }
        throw new InputException("unknown attack '" + text + "'; valid attacks: " + String.join(", ", ids()));
    }

    public static List<String> ids() {
        List<String> out = new ArrayList<>();
        for (SocAttack a : values()) {
            out.add(a.id());
        }
        return out;
    }
}
