from training.grammar import ObjectStats, match, parse_detailed

TRUTH = ("three objects: a small red dotted cross at the top, a large green square on the left and a medium "
         "black hexagon in the bottom right.")


def test_parser_reads_every_field():
    count, objs = parse_detailed(TRUTH)
    assert count == 3
    assert objs == [("small", "red", "dotted", "cross", "at the top"),
                    ("large", "green", "plain", "square", "on the left"),
                    ("medium", "black", "plain", "hexagon", "in the bottom right")]


def test_malformed_phrases_become_none():
    _, objs = parse_detailed("two objects: a small red in the center and a large blue star on the left.")
    assert objs[0] is None and objs[1] == ("large", "blue", "plain", "star", "on the left")


def test_matching_prefers_agreement_and_needs_three_fields():
    truth = [("small", "red", "plain", "star", "at the top"), ("large", "blue", "plain", "circle", "on the left")]
    pred = [("large", "blue", "plain", "square", "on the left"), ("small", "green", "dotted", "heart", "at the top")]
    assert match(pred, truth) == {1: 0}


def test_stats_count_errors_missed_and_hallucinated():
    s = ObjectStats()
    s.add(TRUTH, TRUTH)
    pred = ("three objects: a small red striped cross at the top, a large green square on the left and a small "
            "white circle in the center.")
    s.add(pred, TRUTH)
    m = s.summary()
    assert m["objects"] == 6 and m["exact_caption"] == 0.5
    assert s.full["all"] == 4 and s.full["small"] == 1 and s.objects["small"] == 2
    assert s.missed == 1 and s.hallucinated == 1 and s.predicted == 6
    assert m["attr_acc_pattern"] == 4 / 6 and m["attr_acc_shape"] == 5 / 6
    # By true size: the small cross's pattern was wrong once of two; the medium hexagon was missed once.
    assert m["attr_acc_pattern_small"] == 1 / 2 and m["attr_acc_shape_small"] == 1.0
    assert m["attr_acc_shape_medium"] == 1 / 2 and m["attr_acc_colour_large"] == 1.0
