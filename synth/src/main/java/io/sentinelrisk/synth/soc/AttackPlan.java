package io.sentinelrisk.synth.soc;

import io.sentinelrisk.core.error.InputException;
import io.sentinelrisk.synth.Bursts;
import io.sentinelrisk.synth.Seeds;

import java.util.Set;
import java.util.SplittableRandom;

/**
 * Decides, before any event is drawn, how many attack rows each attack gets, how they group into
 * incidents (a brute-force storm is one incident of 20–50 rows) and which user each incident hits.
 * The attack rows add up to exactly the requested number.
 */
final class AttackPlan {
    static final int MIN_STORM = 20;
    static final int MAX_STORM = 50;

    /** Per incident: its attack, its rows, its victim. Incidents of one user are listed together in {@link #byUser}. */
    final SocAttack[] kind;
    final int[] rows;
    final int[] victim;
    /** CSR index: the incidents of user u are byUser[userStart[u] .. userStart[u+1]). */
    final int[] userStart;
    final int[] byUser;
    /** Attack rows per user. */
    final int[] userRows;

    private AttackPlan(SocAttack[] kind, int[] rows, int[] victim, int users) {
        this.kind = kind;
        this.rows = rows;
        this.victim = victim;
        userStart = new int[users + 1];
        userRows = new int[users];
        for (int i = 0; i < victim.length; i++) {
            userStart[victim[i] + 1]++;
            userRows[victim[i]] += rows[i];
        }
        for (int u = 0; u < users; u++) {
            userStart[u + 1] += userStart[u];
        }
        byUser = new int[victim.length];
        int[] fill = userStart.clone();
        for (int i = 0; i < victim.length; i++) {
            byUser[fill[victim[i]]++] = i;
        }
    }

    static AttackPlan plan(int attackRows, Set<SocAttack> attacks, int users, long seed) {
        SplittableRandom rng = Seeds.stream(seed, 2);
        int storms = 0;
        int stormRows = 0;
        if (attacks.contains(SocAttack.BRUTE_FORCE)) {
            stormRows = attacks.size() == 1 ? attackRows : attackRows / attacks.size();
            if (stormRows < MIN_STORM) {
                if (attacks.size() == 1 && attackRows > 0) {
                    throw new InputException("brute_force alone needs at least " + MIN_STORM
                            + " attack rows (one storm is " + MIN_STORM + "–" + MAX_STORM + " failed logins), found "
                            + attackRows + "; raise --anomaly-fraction or add another attack");
                }
                stormRows = 0;
            }
            storms = (stormRows + MAX_STORM - 1) / MAX_STORM; // as Bursts.split makes them
        }
        int rest = attackRows - stormRows;
        boolean exfil = attacks.contains(SocAttack.DATA_EXFILTRATION);
        boolean travel = attacks.contains(SocAttack.IMPOSSIBLE_TRAVEL);
        int exfilRows = exfil ? (travel ? rest - rest / 2 : rest) : 0;
        int travelRows = rest - exfilRows;

        int incidents = exfilRows + travelRows + storms;
        SocAttack[] kind = new SocAttack[incidents];
        int[] rows = new int[incidents];
        int i = 0;
        for (int k = 0; k < exfilRows; k++, i++) {
            kind[i] = SocAttack.DATA_EXFILTRATION;
            rows[i] = 1;
        }
        for (int k = 0; k < travelRows; k++, i++) {
            kind[i] = SocAttack.IMPOSSIBLE_TRAVEL;
            rows[i] = 1;
        }
        int[] stormSizes = Bursts.split(stormRows, MIN_STORM, MAX_STORM, rng);
        for (int size : stormSizes) {
            kind[i] = SocAttack.BRUTE_FORCE;
            rows[i++] = size;
        }
        // Shuffle the incidents, then deal them to a shuffled list of users: each user is hit at
        // most once until every user has been hit.
        for (int k = incidents - 1; k > 0; k--) {
            int j = rng.nextInt(k + 1);
            SocAttack tk = kind[k];
            kind[k] = kind[j];
            kind[j] = tk;
            int tr = rows[k];
            rows[k] = rows[j];
            rows[j] = tr;
        }
        int[] order = new int[users];
        for (int u = 0; u < users; u++) {
            order[u] = u;
        }
        int[] victim = new int[incidents];
        for (int k = 0; k < incidents; k++) {
            if (k % users == 0) {
                for (int u = users - 1; u > 0; u--) {
                    int j = rng.nextInt(u + 1);
                    int t = order[u];
                    order[u] = order[j];
                    order[j] = t;
                }
            }
            victim[k] = order[k % users];
        }
        return new AttackPlan(kind, rows, victim, users);
    }

    int incidents() {
        return kind.length;
    }
}
