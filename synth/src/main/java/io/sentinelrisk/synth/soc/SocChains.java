package io.sentinelrisk.synth.soc;

import io.sentinelrisk.synth.Seeds;

import java.util.SplittableRandom;

/**
 * The chained attacks {@link SocGenerator} plants when {@link SocConfig#chains()} &gt; 0: one
 * attacker works through one user's account in three steps,
 * <ol>
 *   <li>a brute-force storm: {@link #MIN_STORM}–{@link #MAX_STORM} failed logins a few seconds apart from
 *   an untrusted device in one city;</li>
 *   <li>3–20 minutes after the storm, a successful login from the same device in another city,
 *   at least {@link SocGenerator#MIN_TRAVEL_KM} km from the user's home (the attacker's proxy moved);</li>
 *   <li>10–60 minutes later, a transfer of 50–500 times the user's usual outbound bytes from that device.</li>
 * </ol>
 * The {@code scenario} column names each row's step (brute_force, impossible_travel,
 * data_exfiltration), the {@code chain} column the chain ({@code chain-0001}, …). Victims are
 * dealt from a seeded shuffle of the users, each hit once until all have been.
 */
final class SocChains {
    static final int MIN_STORM = 20;
    static final int MAX_STORM = 30;

    final int[] victim;
    final int[] stormRows;
    /** CSR: chains of user u are byUser[userStart[u] .. userStart[u+1]). */
    final int[] userStart;
    final int[] byUser;
    final int[] userRows;
    final int totalRows;

    private SocChains(int[] victim, int[] stormRows, int users) {
        this.victim = victim;
        this.stormRows = stormRows;
        userStart = new int[users + 1];
        userRows = new int[users];
        int total = 0;
        for (int c = 0; c < victim.length; c++) {
            userStart[victim[c] + 1]++;
            userRows[victim[c]] += rows(c);
            total += rows(c);
        }
        totalRows = total;
        for (int u = 0; u < users; u++) {
            userStart[u + 1] += userStart[u];
        }
        byUser = new int[victim.length];
        int[] fill = userStart.clone();
        for (int c = 0; c < victim.length; c++) {
            byUser[fill[victim[c]]++] = c;
        }
    }

    static SocChains plan(int chains, int users, long seed) {
        SplittableRandom rng = Seeds.stream(seed, 3);
        int[] victim = new int[chains];
        int[] storm = new int[chains];
        int[] order = new int[users];
        for (int u = 0; u < users; u++) {
            order[u] = u;
        }
        for (int c = 0; c < chains; c++) {
            if (c % users == 0) {
                for (int u = users - 1; u > 0; u--) {
                    int j = rng.nextInt(u + 1);
                    int t = order[u];
                    order[u] = order[j];
                    order[j] = t;
                }
            }
            victim[c] = order[c % users];
            storm[c] = MIN_STORM + rng.nextInt(MAX_STORM - MIN_STORM + 1);
        }
        return new SocChains(victim, storm, users);
    }

    /** Rows of chain c: the storm, the login, the transfer. */
    int rows(int c) {
        return stormRows[c] + 2;
    }

    int count() {
        return victim.length;
    }

    static String name(int c) {
        return String.format(java.util.Locale.ROOT, "chain-%04d", c + 1);
    }
}
