package io.sluice.app.batch;

/** The one-line progress bar of a batch: {@code [#####-----]  50% 5/10 in_progress}. */
final class ProgressBar {
    static final int WIDTH = 30;

    private ProgressBar() {}

    /** {@code done} of {@code total} requests finished (completed or failed); a total of 0 shows an empty bar. */
    static String render(long done, long total, String status) {
        long bounded = Math.max(0, Math.min(done, total));
        int filled = total <= 0 ? 0 : (int) (bounded * WIDTH / total);
        int percent = total <= 0 ? 0 : (int) (bounded * 100 / total);
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + String.format("%3d%%", percent) + " "
                + bounded + "/" + Math.max(0, total) + " " + status;
    }
}
