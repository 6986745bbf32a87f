package io.knotwise.channel.terminal;

import io.knotwise.FileAccessException;
import io.knotwise.RateLimitedException;
import io.knotwise.channel.ChannelConversations;
import io.knotwise.channel.ChatTimers;
import io.knotwise.dialog.QuickReply;
import io.knotwise.engine.Input;
import io.knotwise.engine.Message;
import io.knotwise.engine.Turn;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * Chats with the guide in a terminal: the guide's messages are printed, quick replies as numbered choices; typing a
 * number presses that button, anything else is sent as text, an empty line or end of input quits. A timed hold
 * ends with a "time's up" line unless the user has typed something first.
 */
public final class TerminalChat {

    private final ChannelConversations conversations;
    private final BufferedReader in;
    private final PrintStream out;

    public TerminalChat(ChannelConversations conversations, BufferedReader in, PrintStream out) {
        this.conversations = conversations;
        this.in = in;
        this.out = out;
    }

    public void run() {
        String user = "terminal-" + ProcessHandle.current().pid();
        List<QuickReply> choices = show(conversations.restart("terminal", user));
        try {
            for (String line = prompt(); line != null && !line.isBlank(); line = prompt()) {
                Input input = choice(line.strip(), choices);
                Turn turn;
                try {
                    turn = conversations.send("terminal", user, input);
                } catch (RateLimitedException e) {
                    conversations.slowDown("terminal", user, e).ifPresent(this::show);
                    continue;
                }
                choices = show(turn);
                conversations.timers().after("terminal", user, turn, () -> {
                    out.println();
                    out.println(ChatTimers.TIMES_UP);
                    out.print("> ");
                    out.flush();
                });
            }
        } catch (IOException e) {
            throw new FileAccessException("cannot read the terminal: " + e.getMessage(), e);
        } finally {
            conversations.timers().cancel("terminal", user);
        }
    }

    private String prompt() throws IOException {
        out.print("> ");
        out.flush();
        return in.readLine();
    }

    private static Input choice(String line, List<QuickReply> choices) {
        if (line.matches("\\d{1,2}")) {
            int n = Integer.parseInt(line);
            if (n >= 1 && n <= choices.size()) {
                return Input.payload(choices.get(n - 1).payload().text());
            }
        }
        return Input.text(line);
    }

    private List<QuickReply> show(Turn turn) {
        for (Message message : turn.messages()) {
            String mark = switch (message.kind()) {
                case Message.ESCALATION -> "!! ";
                case Message.WARNING -> "Note: ";
                default -> "";
            };
            out.println(mark + message.text());
            out.println();
        }
        List<QuickReply> choices = turn.quickReplies();
        for (int i = 0; i < choices.size(); i++) {
            out.printf("  %d. %s%n", i + 1, choices.get(i).title());
        }
        return choices;
    }
}
