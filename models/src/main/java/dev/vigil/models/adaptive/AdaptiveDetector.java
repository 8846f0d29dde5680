package dev.vigil.models.adaptive;

import org.apache.commons.math3.special.Erf;

/**
 * A per-entity detector that learns each entity's normal from its own stream and keeps adapting: no
 * training run, no global threshold fitted to some other data.
 *
 * <p>Three stages, each after the published detectors that do well on NAB:
 * <ol>
 *   <li><b>Surprise</b> (after contextual anomaly detection, CAD OSE, and HTM's sequence memory): each feature is
 *       cut into {@link AdaptiveSettings#levels} levels over the range of the entity's first windows, and a
 *       bounded memory remembers which level followed which recent sequence of levels, for every context length up
 *       to {@link AdaptiveSettings#maxOrder}. A window's surprise is the share of (context, level) pairs never seen
 *       before: a new extreme is new at every length, a broken rhythm at the longer ones.</li>
 *   <li><b>Anomaly likelihood</b> (after HTM): the mean surprise of the last few windows is compared with the
 *       long-run distribution of that mean for the same entity. A noisy series is always somewhat surprised and a
 *       smooth one rarely; only a surprise unusual <em>for that entity</em> scores high. The score is the
 *       log-likelihood {@code -ln(1 - L) / ln(1e10)} in [0, 1], which does not saturate: 0.5 is a tail
 *       probability of 1e-5, whatever the entity.</li>
 *   <li><b>Alarm episodes</b>: after an alarm the entity settles for {@link AdaptiveSettings#settleWindows}, counted
 *       from its last window that would have alarmed; the
 *       first alarm of an episode is the one that counts, later windows of the episode score 0, unless one lies half
 *       the seen range or more beyond it while the episode's latest alarm was weaker than that: then it alarms and a new
 *       episode starts. An entity with several features also alarms again within an episode on a new <em>symptom</em>:
 *       a window that would alarm while the feature that moved most from its recent trend is one the episode has not
 *       shown (an error burst does not hide a latency spike that follows it), or that moved at least three times as far
 *       from its trend as the episode's latest alarm (a regime change that raised the error rate a little does not hide
 *       an error burst hours later). The latest alarm, not the strongest, sets that bar, and the half-range escalation's
 *       too: an episode stays open while windows keep nearly alarming, which on a noisy entity can be a day.</li>
 *   <li>As in HTM's NAB detector, a value beyond the range the entity has ever shown (by more than 5 % of that
 *       range) alarms outright: the memory cannot be surprised by a level it was never told about. Its score grows
 *       with the distance, to 1 at half the range beyond.</li>
 * </ol>
 * No Kafka types; the state lives in an {@link AdaptiveState} the caller stores.
 */
public final class AdaptiveDetector {
    /** HTM's floors on the long-run distribution: a near-silent entity must not alarm on the slightest blip. */
    private static final double MIN_MEAN = 0.03;
    private static final double MIN_VARIANCE = 0.0003;
    private static final double LOG_SCALE = Math.log(1e10);

    private final AdaptiveSettings settings;

    public AdaptiveDetector(AdaptiveSettings settings) {
        this.settings = settings;
    }

    public AdaptiveSettings settings() {
        return settings;
    }

    public AdaptiveState newState(int features) {
        return new AdaptiveState(features, settings);
    }

    

    /** Scores one window of the entity whose state is given, and learns it, without regard to the time of day. */
    public AdaptiveVerdict score(AdaptiveState state, double[] values) {
        return score(state, Long.MIN_VALUE, values);
    }

    /** Scores one window (starting at {@code windowStart}, epoch millis) of the entity whose state is given, and learns it. */
    public AdaptiveVerdict score(AdaptiveState state, long windowStart, double[] values) {
        if (values.length != state.features) {
            throw new IllegalArgumentException("entity has " + state.features + " features, vector has " + values.length);
        }
        state.windows++;
        int rangeWindows = settings.learningWindows() / 2;
        if (state.windows <= rangeWindows) {
            learnRange(state, values);
            followTrend(state, values);
            if (state.windows == rangeWindows) {
                fixLevels(state);
            }
            return AdaptiveVerdict.LEARNING;
        }
        int hour = windowStart == Long.MIN_VALUE ? -1 : (int) Math.floorMod(windowStart / 3_600_000L, 24L);
        int symptomFeature = symptom(state, values);
        // The symptom is the feature that moved most: its move is the window's strongest.
        double strength = symptomFeature >= 0 ? moved(state, symptomFeature, values[symptomFeature]) : 0;
        int symptom = Math.min(symptomFeature, 63);
        followTrend(state, values);
        double surprise = surprise(state, hour, values);
        double likelihood = likelihood(state, surprise);
        // After HTM's NAB detector: a value beyond everything the entity has shown is anomalous outright.
        double range = rangeScore(beyondSeenRange(state, values));
        double score = Math.max(logScore(likelihood), range);
        boolean learning = state.windows <= settings.learningWindows();
        if (learning) {
            return new AdaptiveVerdict(surprise, likelihood, score, 0, false);
        }
        boolean wouldAlarm = score >= settings.threshold();
        boolean escalates = range >= 1 && state.episodePeak < 1;
        boolean newSymptom = wouldAlarm && symptom >= 0 && ((state.episodeSymptoms & (1L << symptom)) == 0
                || strength >= STRONGER * state.episodeStrength);
        if (state.settle > 0 && !escalates && !newSymptom) {
            // A window that would alarm keeps the episode going: an entity that keeps changing (a new regime
            // reaching new highs hour after hour) raises one alarm, not one per settle period.
            state.settle = wouldAlarm ? settings.settleWindows() : state.settle - 1;
            return new AdaptiveVerdict(surprise, likelihood, score, 0, false);
        }
        // Outside an episode; a value far outside anything seen in an episode that began weaker (a barely-beaten
        // record must not hide the error rate ten times anything seen that follows it, at most once per episode); or
        // a symptom the episode has not shown, which joins it.
        if (wouldAlarm) {
            boolean joins = state.settle > 0 && newSymptom && !escalates;
            state.settle = settings.settleWindows();
            // The episode's bar is its latest alarm, not its strongest: windows that would alarm keep an episode open
            // for as long as they come, and an error burst must not hide, a day later, a latency spike that follows a
            // mild alarm of the same episode.
            state.episodePeak = score;
            // An alarm with no clear symptom (no feature moved a level from its trend) leaves nothing to tell a new one by.
            state.episodeSymptoms = (joins ? state.episodeSymptoms : 0) | (symptom >= 0 ? 1L << symptom : -1L);
            // No clear symptom: nothing to outdo it by either.
            state.episodeStrength = symptom < 0 ? Double.POSITIVE_INFINITY : strength;
        }
        boolean alarm = wouldAlarm;
        return new AdaptiveVerdict(surprise, likelihood, score, calibrated(score), alarm);
    }

    /**
     * The log-likelihood score on Vigil's calibrated scale, where every detector's threshold is 0.5: linear on
     * each side of the threshold, so the order of scores (and NAB's threshold sweep) is unchanged.
     */
    double calibrated(double score) {
        double t = settings.threshold();
        return score < t ? 0.5 * score / t : 0.5 + 0.5 * (score - t) / (1 - t);
    }

    /**
     * How much further than any alarm of its episode a symptom must move from its trend to alarm again within the
     * episode: a regime change that raised the error rate a little does not hide an error burst hours later. Three
     * rather than two: at two the NAB corpus raised 98 alarms, not 93, and lost 0.6 points; at three 96 alarms, 0.2 points.
     */
    private static final double STRONGER = 3.0;

    /** How fast a feature's trend follows its values: the weight of the newest window. */
    private static final double TREND_WEIGHT = 0.125;

    /**
     * The window's symptom: the feature that moved most from its recent trend, measured in the feature's level step
     * (or an eighth of its seen range, whichever is larger), as its index (the caller's bit index caps it at 63, so
     * features past 63 share the last bit); -1 for
     * an entity of one feature, whose episodes stay one symptom, or when no feature moved a level. Not the direction:
     * the way back from an anomaly moves the same feature the other way, and is no new symptom.
     */
    private int symptom(AdaptiveState s, double[] values) {
        if (s.features < 2) {
            return -1;
        }
        int best = -1;
        double strongest = 1.0;
        for (int j = 0; j < s.features; j++) {
            double moved = moved(s, j, values[j]);
            if (moved > strongest) {
                strongest = moved;
                best = j;
            }
        }
        return best;
    }

    /** How far feature j's value lies from its trend, in the feature's level step (or an eighth of its seen range); 0 when unknown. */
    private double moved(AdaptiveState s, int j, double value) {
        double seen = s.seenMax[j] - s.seenMin[j];
        double scale = Math.max(s.step[j], seen > 0 ? seen / settings.levels() : 0);
        if (Double.isNaN(s.trend[j]) || scale <= 0) {
            return 0;
        }
        return Math.abs(value - s.trend[j]) / scale;
    }

    private static void followTrend(AdaptiveState s, double[] values) {
        for (int j = 0; j < s.features; j++) {
            s.trend[j] = Double.isNaN(s.trend[j]) ? values[j] : s.trend[j] + TREND_WEIGHT * (values[j] - s.trend[j]);
        }
    }

    /** HTM's NAB detector's spatial tolerance: the share of the seen range a value may exceed it by. */
    private static final double SPATIAL_TOLERANCE = 0.05;
    /** How far beyond the seen range (as a share of it) a value must lie to score 1. */
    private static final double FULL_EXCESS = 0.5;

    /**
     * The score of a value beyond the seen range: 0 within the tolerance, the threshold just past it (so it alarms, as
     * in HTM's detector), rising to 1 at half the range beyond. Graded rather than 1 outright, so that a record beaten
     * by a little (a noisy feature, or an entity settling into a new regime) does not count in a fusion like a value
     * far outside anything seen.
     */
    double rangeScore(double excess) {
        if (excess <= SPATIAL_TOLERANCE) {
            return 0;
        }
        double t = settings.threshold();
        return t + (1 - t) * Math.min(1, (excess - SPATIAL_TOLERANCE) / (FULL_EXCESS - SPATIAL_TOLERANCE));
    }

    /** How far the furthest feature lies beyond the range the entity has shown, as a share of that range; then widens it. */
    private static double beyondSeenRange(AdaptiveState s, double[] values) {
        double excess = 0;
        for (int j = 0; j < s.features; j++) {
            double range = s.seenMax[j] - s.seenMin[j];
            if (range > 0) {
                double beyond = Math.max(values[j] - s.seenMax[j], s.seenMin[j] - values[j]);
                excess = Math.max(excess, beyond / range);
            }
            s.seenMin[j] = Math.min(s.seenMin[j], values[j]);
            s.seenMax[j] = Math.max(s.seenMax[j], values[j]);
        }
        return excess;
    }

    private static void learnRange(AdaptiveState s, double[] values) {
        for (int j = 0; j < s.features; j++) {
            s.seenMin[j] = Math.min(s.seenMin[j], values[j]);
            s.seenMax[j] = Math.max(s.seenMax[j], values[j]);
            s.low[j] = Math.min(s.low[j], values[j]);
            s.high[j] = Math.max(s.high[j], values[j]);
        }
    }

    private void fixLevels(AdaptiveState s) {
        for (int j = 0; j < s.features; j++) {
            double range = s.high[j] - s.low[j];
            // A feature flat while learning gets a level width relative to its value: any later move is new.
            s.step[j] = range > 0 ? range / settings.levels() : Math.max(Math.abs(s.low[j]) * 1e-3, 1e-9);
        }
    }

    private int level(AdaptiveState s, int j, double value) {
        double l = Math.floor((value - s.low[j]) / s.step[j]);
        return (int) Math.max(-1_000_000, Math.min(1_000_000, l));
    }

    /**
     * Share of (context, symbol) pairs not in memory. A window's symbol joins the levels of all its features, so the
     * memory needs the same room whatever the number of features (an entity's features often move together).
     */
    private double surprise(AdaptiveState s, int hour, double[] values) {
        int symbol = 0x2545F491;
        for (int j = 0; j < s.features; j++) {
            symbol = mix(symbol * 31 + level(s, j, values[j]));
        }
        int orders = settings.maxOrder();
        int novel = remember(s, mix(symbol)) ? 0 : 1;
        int hash = symbol;
        for (int k = 1; k <= orders; k++) {
            hash = mix(hash * 31 + s.recent[Math.floorMod(s.recentAt - k, orders)]);
            novel += remember(s, hash ^ k) ? 0 : 1;
        }
        int keys = orders + 1;
        if (hour >= 0) {
            novel += remember(s, mix(symbol + 0x51ED27 * (hour + 1))) ? 0 : 1;
            keys++;
        }
        s.recent[s.recentAt] = symbol;
        s.recentAt = (s.recentAt + 1) % orders;
        return novel / (double) keys;
    }

    /**
     * True when the context was remembered; remembers it in the current generation either way. A context is kept as a
     * 15-bit fingerprint (the low bit of each slot marks its generation) at a slot chosen by its other bits: one table
     * of 2-byte slots, with a false match about once in 30,000 look-ups. When the current generation fills
     * {@link #GENERATION_SHARE} of the table, the previous one is dropped: contexts not seen for a generation are
     * forgotten, so the memory stays bounded and follows the entity as it changes.
     */
    static boolean remember(AdaptiveState s, int key) {
        short[] table = s.memory;
        int slots = table.length;
        int fingerprint = (key >>> 15) & 0xFFFE;
        if (fingerprint == 0) {
            fingerprint = 2; // 0 marks an empty slot
        }
        for (int i = Math.floorMod(mix(fingerprint), slots); table[i] != 0; i = i + 1 == slots ? 0 : i + 1) {
            if ((table[i] & 0xFFFE) == fingerprint) {
                if ((table[i] & 1) != s.generation) {
                    table[i] = (short) (fingerprint | s.generation);
                    countInCurrentGeneration(s);
                }
                return true;
            }
        }
        table[freeSlot(table, fingerprint)] = (short) (fingerprint | s.generation);
        countInCurrentGeneration(s);
        return false;
    }

    /** Share of the table one generation may fill: two generations leave a quarter free, so probes stay short. */
    private static final double GENERATION_SHARE = 3.0 / 8;

    private static void countInCurrentGeneration(AdaptiveState s) {
        if (++s.generationSize < s.memory.length * GENERATION_SHARE) {
            return;
        }
        short[] kept = new short[s.memory.length];
        for (short entry : s.memory) {
            if (entry != 0 && (entry & 1) == s.generation) {
                kept[freeSlot(kept, entry & 0xFFFE)] = entry;
            }
        }
        System.arraycopy(kept, 0, s.memory, 0, kept.length);
        s.generation ^= 1;
        s.generationSize = 0;
    }

    /**
     * Moves remembered contexts into a table of another size (state written with other memory settings): the current
     * generation first, then the previous one, each while the table is under its fill limit. Returns how many of the
     * current generation moved. A slot is found from the fingerprint alone, so nothing is lost but what does not fit.
     */
    static int moveContexts(short[] from, short[] to, int generation) {
        int limit = (int) (to.length * 2 * GENERATION_SHARE);
        int moved = 0;
        int current = 0;
        for (int pass = 0; pass < 2; pass++) {
            int wanted = pass == 0 ? generation : generation ^ 1;
            for (short entry : from) {
                if (entry != 0 && (entry & 1) == wanted && moved < limit) {
                    to[freeSlot(to, entry & 0xFFFE)] = entry;
                    moved++;
                    current += pass == 0 ? 1 : 0;
                }
            }
        }
        return current;
    }

    private static int freeSlot(short[] table, int fingerprint) {
        int slots = table.length;
        int i = Math.floorMod(mix(fingerprint), slots);
        while (table[i] != 0) i = i + 1 == slots ? 0 : i + 1;
        return i;
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }

    /** Likelihood that the recent mean surprise is unusual for this entity; then learns that mean. */
    private double likelihood(AdaptiveState s, double surprise) {
        s.surpriseSum += surprise - s.surprises[s.surpriseAt];
        s.surprises[s.surpriseAt] = surprise;
        s.surpriseAt = (s.surpriseAt + 1) % s.surprises.length;
        double recentMean = s.surpriseSum / s.surprises.length;
        double likelihood = 0.5;
        if (s.longCount >= settings.shortWindow()) {
            double mean = Math.max(MIN_MEAN, s.longMean);
            double sd = Math.sqrt(Math.max(MIN_VARIANCE, s.longVariance));
            likelihood = 0.5 * (1 + Erf.erf((recentMean - mean) / (sd * Math.sqrt(2))));
        }
        s.longCount++;
        double alpha = 1.0 / Math.min(s.longCount, settings.longHorizon());
        double delta = recentMean - s.longMean;
        s.longMean += alpha * delta;
        s.longVariance = (1 - alpha) * (s.longVariance + alpha * delta * delta);
        return likelihood;
    }

    static double logScore(double likelihood) {
        return Math.min(1.0, Math.log(1.0000000001 - likelihood) / -LOG_SCALE);
    }
}
