package io.knotwise.channel;

/** What a messaging channel says of a message it does not take as a turn, the same on every platform. */
public final class Notices {

    public static final String NOT_TEXT = "I can only read typed messages, so I can't look at photos, stickers or"
            + " files or listen to voice notes. Please type what you'd like to tell me. If you feel unwell right now,"
            + " call your local emergency number.";

    private Notices() {
    }

    /** For a user sending messages faster than their limit. */
    public static String slowDown(long seconds) {
        return "You're sending messages faster than I can take them in. Please wait " + seconds + " seconds, then send"
                + " your last one again.";
    }

    /** For a message longer than the guide takes in one go (its red flags are still screened). */
    public static String tooLong(int maxTextLength) {
        return "That message is longer than I can take in one go (" + maxTextLength + " characters at most). Could"
                + " you send it in shorter parts?";
    }
}
