package io.knotwise.engine;

import java.util.List;

/** The keys of {@code responses.yml} the engine itself says; the validator checks that each exists. */
final class ResponseKeys {

    static final List<String> ALL = List.of("ask_again", "back_to_question", "back_to_step",
            "discomfort", "explain_style", "explain_technique", "fallback", "first_step",
            "high_severity", "minutes_range", "next_technique", "no_timer", "no_tools", "not_here", "noted_mid_walk",
            "out_of_scope", "reason_area", "reason_minutes", "reason_no_tools", "reason_targets", "reason_tools",
            "recommend_choose", "recommend_intro", "recommend_item", "recommend_none", "routine_intro",
            "screen_clear", "screen_noted", "screen_which", "screen_rest", "this_step", "fallback_plain",
            "stopped_because", "worse_mid_walk", "better_mid_walk", "skipped_question", "step", "technique_done",
            "technique_intro", "technique_not_allowed", "technique_stopped_for_safety", "timer", "wrapup_summary",
            "clarify_thanks", "tool_ruled_out", "stuck", "start_over", "go_back_none", "where_was_i", "pause",
            "resume_title", "choose_which",
            "minutes_one", "minutes_same", "seconds", "screen_required",
            "understood", "understood_area", "understood_onset_days", "understood_onset_weeks",
            "understood_onset_months", "understood_onset_for", "understood_onset_said", "understood_severity",
            "understood_duration", "understood_tools",
            "minutes_estimated", "setup_done", "routine_left_out", "plan_offer", "plan_name", "plan_summary",
            "plan_progress", "greeting_again");

    private ResponseKeys() {
    }
}
