"""Permenkes 2/2020 categories: the regulation's cut-offs and labels."""

import numpy as np
import pytest

from posyandu.growth import (
    BB_TB_LABELS,
    BB_U_LABELS,
    IMT_U_LABELS,
    TB_U_LABELS,
    categorize,
    kategori_bb_tb,
    kategori_bb_u,
    kategori_imt_u,
    kategori_tb_u,
    score_batch,
    score_child,
)


@pytest.mark.parametrize(
    "z,label",
    [
        (-3.01, "Berat badan sangat kurang"),
        (-3.0, "Berat badan kurang"),
        (-2.01, "Berat badan kurang"),
        (-2.0, "Berat badan normal"),
        (1.0, "Berat badan normal"),
        (1.01, "Risiko berat badan lebih"),
        (None, None),
    ],
)
def test_weight_for_age(z, label):
    assert kategori_bb_u(z) == label


def test_weight_for_age_never_says_gizi():
    assert not any("gizi" in label.lower() for label in BB_U_LABELS)
    assert "Berat badan kurang" in BB_U_LABELS


@pytest.mark.parametrize(
    "z,label",
    [
        (-3.01, "Sangat pendek"),
        (-3.0, "Pendek"),
        (-2.01, "Pendek"),
        (-2.0, "Normal"),
        (3.0, "Normal"),
        (3.01, "Tinggi"),
    ],
)
def test_length_height_for_age(z, label):
    assert kategori_tb_u(z) == label


@pytest.mark.parametrize(
    "z,label",
    [
        (-3.01, "Gizi buruk"),
        (-3.0, "Gizi kurang"),
        (-2.01, "Gizi kurang"),
        (-2.0, "Gizi baik"),
        (1.0, "Gizi baik"),
        (1.01, "Berisiko gizi lebih"),
        (2.0, "Berisiko gizi lebih"),
        (2.01, "Gizi lebih"),
        (3.0, "Gizi lebih"),
        (3.01, "Obesitas"),
    ],
)
def test_weight_for_length_height_and_bmi_for_age(z, label):
    assert kategori_bb_tb(z) == label
    assert kategori_imt_u(z) == label


def test_label_sets():
    assert TB_U_LABELS == ("Sangat pendek", "Pendek", "Normal", "Tinggi")
    assert BB_TB_LABELS == IMT_U_LABELS
    assert len(BB_TB_LABELS) == 6


def test_categories_of_a_batch_follow_the_z_scores():
    rng = np.random.default_rng(11)
    n = 3_000
    batch = score_batch(
        rng.integers(1, 3, n),
        age_days=rng.integers(0, 1826, n).astype(float),
        weight_kg=rng.uniform(3, 25, n),
        lenhei_cm=rng.uniform(50, 115, n),
        measure=rng.integers(0, 3, n).astype(np.int8),
    )
    categories = categorize(batch)
    labels = categories.labels("bb_u")
    for z, flagged, label in zip(batch.zwei.tolist(), batch.fwei.tolist(), labels, strict=True):
        assert label == (None if flagged or z != z else kategori_bb_u(z))
    labels = categories.labels("bb_tb", blank="")
    for z, flagged, label in zip(batch.zwfl.tolist(), batch.fwfl.tolist(), labels, strict=True):
        assert label == ("" if flagged or z != z else kategori_bb_tb(z))


def test_flagged_z_scores_get_no_category():
    child = score_child(1, age_days=987, lenhei_cm=72.86, measure="l")
    assert (child.zlen, child.flen, child.kategori_tb_u) == (-6.09, True, None)


def test_oedema_counts_as_the_lowest_weight_categories():
    child = score_child(1, age_days=500, weight_kg=12, lenhei_cm=78, measure="l", oedema=True)
    assert (child.zwei, child.zwfl, child.zbmi) == (None, None, None)
    assert child.kategori_bb_u == "Berat badan sangat kurang"
    assert child.kategori_bb_tb == "Gizi buruk"
    assert child.kategori_imt_u == "Gizi buruk"
    assert child.kategori_tb_u == "Normal"
    # Without an age only BB/PB–BB/TB applies; from 60 months nothing does.
    no_age = score_child(1, weight_kg=12, lenhei_cm=78, oedema=True)
    assert (no_age.kategori_bb_u, no_age.kategori_bb_tb, no_age.kategori_imt_u) == (
        None,
        "Gizi buruk",
        None,
    )
    old = score_child(1, age_months=61, weight_kg=18, lenhei_cm=108, oedema=True)
    assert (old.kategori_bb_u, old.kategori_bb_tb, old.kategori_imt_u) == (None, None, None)
