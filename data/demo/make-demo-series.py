#!/usr/bin/env python3
"""Writes demo-series.tsv: the illustrative monthly and quarterly values that
give the demo plan's figures a trend between the values the documents state.

The documented values (noegletal-fra-dokumenterne.tsv) are never written here:
the demo loads them as they are, and these rows only fill the periods between.
Each row's source says that it is illustrative. Run it again after editing the
shape anchors below; the output is deterministic.
"""
import csv
import math
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = "Illustrativ værdi til demo (ikke fra dokumenterne)"

# (indicator, area): (kind, first, last, decimals, {period: value}) where the
# anchors shape the curve; documented values are added as anchors below.
SHAPES = {
    ("Påbegyndt opkvalificeringsforløb", "Ikke angivet"): ("Q", "2022Q2", "2023Q2", 0, {}),
    ("Flygtninge og familiesammenførte i beskæftigelse", "Ishøj"): ("M", "2022M01", "2023M07", 1, {"2022M01": 44.0, "2023M07": 48.9}),
    ("Flygtninge og familiesammenførte i beskæftigelse", "Brøndby"): ("M", "2022M01", "2023M07", 1, {"2022M01": 40.1, "2023M07": 42.0}),
    ("Flygtninge og familiesammenførte i beskæftigelse", "Hele landet"): ("M", "2022M01", "2023M07", 1, {"2022M01": 36.2, "2023M07": 37.6}),
    ("Uddannelseshjælp, uddannelsesparate", "Ishøj"): ("M", "2020M08", "2023M08", 0, {}),
    ("Uddannelseshjælp, aktivitetsparate", "Ishøj"): ("M", "2020M08", "2023M08", 0, {"2021M08": 101, "2022M08": 97}),
    ("Sygedagpenge, andel af befolkningen", "Ishøj"): ("M", "2022M01", "2023M08", 1, {"2022M01": 5.6, "2022M09": 4.6, "2023M08": 3.9}),
    ("Sygedagpenge, andel af befolkningen", "Brøndby"): ("M", "2022M01", "2023M08", 1, {"2022M01": 5.2, "2022M09": 4.4, "2023M08": 3.8}),
    ("Sygedagpenge, andel af befolkningen", "Hele landet"): ("M", "2022M01", "2023M08", 1, {"2022M01": 3.6, "2023M08": 3.3}),
    ("Delvis raskmeldte, andel af sygedagpengemodtagere", "Ishøj"): ("Q", "2018Q1", "2023Q1", 0, {"2018Q1": 9, "2019Q1": 8, "2020Q2": 5, "2021Q1": 4}),
    ("Jobafklaringsforløb, andel af befolkningen", "Ishøj"): ("M", "2021M01", "2023M08", 1, {"2021M01": 0.9, "2022M12": 1.6, "2023M08": 1.2}),
    ("Jobafklaringsforløb, andel af befolkningen", "Brøndby"): ("M", "2021M01", "2023M08", 1, {"2021M01": 0.8, "2022M12": 1.3, "2023M08": 1.1}),
    ("Jobafklaringsforløb, andel af befolkningen", "Hele landet"): ("M", "2021M01", "2023M08", 1, {"2021M01": 0.5, "2022M12": 0.7, "2023M08": 0.6}),
    ("Langtidsledige, andel af a-dagpengemodtagere", "Ishøj"): ("M", "2022M08", "2023M08", 1, {"2022M08": 17.5, "2023M08": 19.9}),
    ("Langtidsledige, andel af jobparate kontanthjælpsmodtagere", "Ishøj"): ("M", "2022M08", "2023M08", 1, {"2022M08": 38.0, "2023M08": 42.8}),
    ("Ledighedsydelse", "Ishøj"): ("M", "2022M08", "2023M08", 0, {}),
    ("Fleksjob", "Ishøj"): ("M", "2022M08", "2023M08", 0, {"2022M10": 294}),
    ("Aktiveringsgrad, aktivitetsparate kontanthjælpsmodtagere", "Ishøj"): ("M", "2022M08", "2023M08", 1, {"2022M08": 11.2}),
    ("Aktiveringsgrad, aktivitetsparate kontanthjælpsmodtagere", "Brøndby"): ("M", "2022M08", "2023M08", 1, {"2022M08": 11.8}),
    ("Aktiveringsgrad, aktivitetsparate kontanthjælpsmodtagere", "Hele landet"): ("M", "2022M08", "2023M08", 1, {"2022M08": 7.3}),
    ("Ressourceforløbsydelse", "Ishøj"): ("M", "2021M01", "2023M08", 0, {"2021M01": 58, "2022M06": 60}),
    ("Ressourceforløb i virksomhedspraktik og løntilskud", "Ishøj"): ("Q", "2019Q1", "2023Q1", 0, {"2019Q1": 12, "2019Q3": 18, "2020Q2": 8, "2020Q4": 14, "2021Q3": 10, "2022Q2": 17, "2022Q4": 11}),
    ("Ressourceforløb med ordinære timer", "Ishøj"): ("Q", "2019Q1", "2023Q1", 0, {"2019Q1": 2, "2020Q1": 3, "2021Q1": 1, "2022Q1": 2}),
    ("Sygedagpenge, 6 mdr. uden fire samtaler", "Ishøj"): ("M", "2022M06", "2023M06", 1, {"2022M06": 24.0, "2022M10": 31.0, "2023M01": 33.0, "2023M03": 27.0, "2023M04": 21.0, "2023M05": 18.0, "2023M06": 16.5}),
    ("A-dagpenge, 6 mdr. uden aktivt tilbud", "Ishøj"): ("M", "2022M06", "2023M06", 1, {"2022M06": 22.0, "2022M10": 28.0, "2022M12": 30.0, "2023M02": 26.0, "2023M03": 22.0, "2023M04": 19.5, "2023M05": 17.0, "2023M06": 15.0}),
}

# Figur 1 compares three schemes in 2. kvt. 2023 with a year earlier. The
# status paper states only the totals (4.935 and 5.974 persons) and that the
# first two schemes grew while Puljen til uddannelsesløft did not; these
# illustrative splits add up to the stated totals. Only these periods are
# written.
COMPARISONS = {
    ("Den regionale uddannelsespulje", "Ishøj"): {"2022Q2": 1900, "2023Q2": 2720},
    ("6 ugers jobrettet uddannelse", "Ishøj"): {"2022Q2": 1335, "2023Q2": 1930},
    ("Puljen til uddannelsesløft", "Ishøj"): {"2022Q2": 1700, "2023Q2": 1324},
}

# The newest value of these is marked preliminary, as Jobindsats does
PRELIMINARY = {("Sygedagpenge, 6 mdr. uden fire samtaler", "Ishøj"), ("A-dagpenge, 6 mdr. uden aktivt tilbud", "Ishøj")}


def canonical(period):
    m = re.fullmatch(r"(\d{4})([MKQ])(\d{1,2})", period)
    if m:
        year, kind, idx = m.groups()
        return f"{year}M{int(idx):02d}" if kind == "M" else f"{year}Q{int(idx)}"
    return period


def ordinal(period):
    m = re.fullmatch(r"(\d{4})M(\d{2})", period)
    if m:
        return int(m.group(1)) * 12 + int(m.group(2)) - 1
    m = re.fullmatch(r"(\d{4})Q(\d)", period)
    return int(m.group(1)) * 4 + int(m.group(2)) - 1


def period_of(kind, n):
    return f"{n // 12}M{n % 12 + 1:02d}" if kind == "M" else f"{n // 4}Q{n % 4 + 1}"


def main():
    documented = {}
    with open(os.path.join(HERE, "noegletal-fra-dokumenterne.tsv"), encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            documented[(row["indicator"], row["area"], canonical(row["period"]))] = float(row["value"])

    rows = []
    for (indicator, area), (kind, first, last, decimals, shape) in SHAPES.items():
        anchors = {ordinal(p): v for p, v in shape.items()}
        for (ind, ar, per), value in documented.items():
            if ind == indicator and ar == area and per[4] == kind:
                anchors[ordinal(per)] = value
        keys = sorted(anchors)
        lo, hi = ordinal(first), ordinal(last)
        span = max(anchors.values()) - min(anchors.values()) or abs(max(anchors.values())) or 1.0
        for n in range(lo, hi + 1):
            period = period_of(kind, n)
            if (indicator, area, period) in documented:
                continue
            before = max([k for k in keys if k <= n], default=keys[0])
            after = min([k for k in keys if k >= n], default=keys[-1])
            if before == after:
                value = anchors[before]
                wiggle = 0.0
            else:
                t = (n - before) / (after - before)
                t = (1 - math.cos(math.pi * t)) / 2
                value = anchors[before] + (anchors[after] - anchors[before]) * t
                # a small, repeatable unevenness, nil at the anchors
                wiggle = 0.06 * span * math.sin(n * 2.3 + len(area)) * math.sin(math.pi * (n - before) / (after - before))
            value = round(value + wiggle, decimals)
            if decimals == 0:
                value = int(value)
            prelim = 1 if (indicator, area) in PRELIMINARY and n == hi else 0
            rows.append((indicator, area, period, value, prelim))

    for (indicator, area), values in COMPARISONS.items():
        for period, value in values.items():
            rows.append((indicator, area, period, value, 0))

    with open(os.path.join(HERE, "demo-series.tsv"), "w", encoding="utf-8", newline="") as f:
        f.write("indicator\tarea\tperiod\tvalue\tpreliminary\tsource\n")
        for indicator, area, period, value, prelim in rows:
            f.write(f"{indicator}\t{area}\t{period}\t{value}\t{prelim}\t{SOURCE}\n")


if __name__ == "__main__":
    main()
