package dev.vigil.drift.state;

/**
 * What the monitor remembers about one model between checks.
 *
 * @param model model name
 * @param domain its domain
 * @param nextWindowStart start of the next window to check (epoch millis); null until the model's data starts
 * @param consecutive the persistence tracker's run of drifting windows
 * @param trackedVersion production version the run and episode refer to; a new version starts over
 * @param episodeStart start of the first window of the current confirmed drift episode, null outside one
 * @param episodeRequested true once the current episode has sent its retrain request
 * @param lastRequestAt end of the window whose check last sent a retrain request (data time), for the cooldown
 * @param referenceFrom earliest window start the features' reference may use, null for no limit: when a version
 *     trained after a confirmed drift takes over, the windows before that drift's start show the old regime
 *     and no longer describe what is normal
 * @param scoreFrom earliest window start the score's reference may use: the first window wholly scored by the
 *     production version (another version's scores are another distribution)
 * @param episodeRequests retrain requests the current episode has sent (0 in a state written before they were
 *     counted: then {@code episodeRequested} says whether there was one)
 */
public record ModelState(String model, String domain, Long nextWindowStart, int consecutive, Integer trackedVersion,
                         Long episodeStart, boolean episodeRequested, Long lastRequestAt, Long referenceFrom,
                         Long scoreFrom, int episodeRequests) {

    public ModelState(String model, String domain, Long nextWindowStart, int consecutive, Integer trackedVersion,
                      Long episodeStart, boolean episodeRequested, Long lastRequestAt) {
        this(model, domain, nextWindowStart, consecutive, trackedVersion, episodeStart, episodeRequested,
                lastRequestAt, null, null, episodeRequested ? 1 : 0);
    }

    public static ModelState initial(String model, String domain) {
        return new ModelState(model, domain, null, 0, null, null, false, null, null, null, 0);
    }

    /** Requests the current episode has sent. */
    public int requestsThisEpisode() {
        return episodeStart == null ? 0 : Math.max(episodeRequests, episodeRequested ? 1 : 0);
    }

    public ModelState withNextWindowStart(Long start) {
        return new ModelState(model, domain, start, consecutive, trackedVersion, episodeStart, episodeRequested,
                lastRequestAt, referenceFrom, scoreFrom, episodeRequests);
    }
}
