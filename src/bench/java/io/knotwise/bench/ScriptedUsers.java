package io.knotwise.bench;

import io.knotwise.engine.Engine;
import io.knotwise.engine.Turn;
import java.util.ArrayList;
import java.util.List;

/**
 * A pool of simulated users taking turns, each going through the scripts one conversation after another: a
 * finished conversation is deleted and the user starts the next script, so transcripts never grow without bound.
 * Not thread-safe: one per benchmark thread.
 */
final class ScriptedUsers {

    /** Matches whatever line comes next. */
    static final String ANY = "any";
    private static final String LOCALE = "en-GB";

    private final Engine engine;
    private final List<Script> rotation = new ArrayList<>();
    private final User[] users;
    private int nextUser;
    private int nextScript;

    /** @param size how many users, each with one conversation in the store at a time */
    ScriptedUsers(Engine engine, List<Script> scripts, int size) {
        this.engine = engine;
        for (Script script : scripts) {
            for (int i = 0; i < script.weight(); i++) {
                rotation.add(script.turnsOnly());
            }
        }
        this.users = new User[size];
        for (int i = 0; i < size; i++) {
            users[i] = new User(nextScript());
        }
    }

    /** Whether some script has a turn of this kind, so {@link #prepare} ends. */
    boolean knows(String kind) {
        return kind.equals(ANY) || rotation.stream().anyMatch(s -> s.lines().stream()
                .anyMatch(line -> line.kind().equals(kind)));
    }

    /** The next user of the pool, taken (outside any measurement) to just before a turn of the given kind. */
    User prepare(String kind) {
        User user = users[nextUser];
        nextUser = (nextUser + 1) % users.length;
        restartIfDone(user);
        while (!kind.equals(ANY) && !user.next().kind().equals(kind)) {
            send(user);
            restartIfDone(user);
        }
        return user;
    }

    /** The user's next turn: a new conversation for a start line, else a message through the engine. */
    Turn send(User user) {
        Script.Line line = user.next();
        user.position++;
        if (line.kind().equals(Script.START)) {
            Turn turn = engine.start(LOCALE);
            user.conversationId = turn.conversationId();
            return turn;
        }
        return engine.handle(user.conversationId, line.input());
    }

    /** Deletes every user's conversation. */
    void close() {
        for (User user : users) {
            if (user.conversationId != null) {
                engine.delete(user.conversationId);
                user.conversationId = null;
            }
        }
    }

    private void restartIfDone(User user) {
        if (user.position == user.script.lines().size()) {
            engine.delete(user.conversationId);
            user.conversationId = null;
            user.script = nextScript();
            user.position = 0;
        }
    }

    private Script nextScript() {
        Script script = rotation.get(nextScript);
        nextScript = (nextScript + 1) % rotation.size();
        return script;
    }

    /** One simulated user: where they are in which script, in which conversation. */
    static final class User {

        private Script script;
        private int position;
        private String conversationId;

        private User(Script script) {
            this.script = script;
        }

        private Script.Line next() {
            return script.lines().get(position);
        }
    }
}
