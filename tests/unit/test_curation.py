"""Which comments reach the client's documents, and in which words (pure rules)."""

from __future__ import annotations

from survey.domain.fieldwork.curation import (
    RoundComment,
    clean_redaction,
    comment_group_label,
    delivered_comments,
)


def comment(text="Slow sign-offs", group="Legal", excluded=None, redacted=None, dimension="validation", id=1):
    return RoundComment(id, dimension, text, group, excluded, redacted)


def test_a_comment_from_a_group_under_the_threshold_is_left_out_unless_included():
    assert not comment(group=None).included
    assert comment(group=None, excluded=False).included
    assert comment(group="Legal").included
    assert not comment(group="Legal", excluded=True).included


def test_the_group_is_named_only_from_the_threshold():
    names, shown = {1: "Legal", 2: "Executive committee"}, frozenset({2})
    assert comment_group_label(1, names, shown) is None
    assert comment_group_label(2, names, shown) == "Executive committee"


def test_documents_get_the_redacted_words_of_included_comments_sorted():
    comments = [
        comment("zebra crossing", id=1),
        comment("Ask Paul Martin", redacted="Ask […]", id=2),
        comment("Out", excluded=True, id=3),
        comment("Small", group=None, id=4),
        comment("Other practice", dimension="budget", id=5),
    ]
    assert delivered_comments(comments) == {"validation": ["Ask […]", "zebra crossing"], "budget": ["Other practice"]}


def test_a_redaction_that_changes_nothing_is_not_kept():
    assert clean_redaction("Ask Paul", "  Ask Paul ") is None
    assert clean_redaction("Ask Paul", "") is None
    assert clean_redaction("Ask Paul", "Ask […]") == "Ask […]"


def test_the_most_echoed_comment_comes_first_then_the_longer():
    from survey.domain.fieldwork.curation import representative_first

    texts = [
        "Short.",
        "Validation takes three signatures and days of waiting.",
        "Too many signatures before posting: days of waiting.",
        "Signatures again: waiting days for a simple reply.",
        "A long comment about something nobody else mentions at all, with many words in it.",
    ]
    ranked = representative_first(texts)
    assert set(ranked[:3]) == set(texts[1:4])  # the three that share "signatures", "waiting", "days"
    assert ranked[3] == texts[4] and ranked[4] == "Short."  # echoed by none: the longer first
    assert representative_first([]) == [] and representative_first(["Seul."]) == ["Seul."]


def test_a_comment_rewritten_since_the_choice_is_left_out_and_to_review_whatever_was_chosen():
    rewritten = RoundComment(1, "validation", "Ask Paul Martin again", "Legal", False, "Ask […]", edited_since=True)
    assert not rewritten.included and rewritten.to_review
    assert rewritten.delivered_text == "Ask Paul Martin again"  # the old edit says nothing of the new words
    assert delivered_comments([rewritten]) == {}
    assert not comment(excluded=False).to_review and comment().to_review
