"""Random or garbled fact files never crash: a report (0) or a usage error (2)."""

from __future__ import annotations

import json
import string

import pytest
import yaml
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from screener.questions import BY_ID
from screener.questions import NUTRIENTS

WORDS = ["yes", "no", "Y", "n", "TRUE", "unknown", "not sure", "vegan", "weeks", "daily", "heavy", "low", "female",
         "34", " 7 ", "0", "121", "none", "[]", *NUTRIENTS, "vitamin_c", ""]
scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 300), st.floats(allow_nan=True, allow_infinity=True),
                    st.text(max_size=15), st.sampled_from(WORDS))
values = st.one_of(scalars, st.lists(scalars, max_size=4), st.dictionaries(st.text(max_size=5), scalars, max_size=2))
keys = st.one_of(st.sampled_from(sorted(BY_ID)), st.text(alphabet=string.ascii_lowercase + "_", max_size=14))
answers = st.dictionaries(keys, values, max_size=12)
documents = st.fixed_dictionaries({}, optional={
    "answers": st.one_of(answers, values), "name": values, "region": st.one_of(st.sampled_from(["uk", "US", "mars"]),
                                                                              values),
    "x-note": values, "extra": values})

#: Examples per property: a quick run, and the long sweep (marked slow; the full suite runs both).
EXAMPLES = [pytest.param(30, id="quick"), pytest.param(120, id="sweep", marks=pytest.mark.slow)]


def examples(n):
    return settings(max_examples=n, deadline=None)


def check(result):
    assert result.exit_code in (0, 2), (result.exit_code, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output


@pytest.mark.parametrize("n", EXAMPLES)
def test_structured_random_documents(invoke, tmp_path, n):
    @examples(n)
    @given(doc=documents, fmt=st.sampled_from(["json", "yaml", "jsonl"]),
           out=st.sampled_from(["text", "json", "markdown"]))
    def run(doc, fmt, out):
        if fmt == "yaml":
            text = yaml.safe_dump(doc, allow_unicode=True)
        else:
            text = json.dumps(doc)
        path = tmp_path / f"case.{fmt}"
        path.write_text(text + ("\n" + text if fmt == "jsonl" else ""))
        check(invoke(["run", str(path), "--format", out]))

    run()


@pytest.mark.parametrize("n", EXAMPLES)
def test_garbled_bytes(invoke, tmp_path, n):
    @examples(n)
    @given(data=st.binary(max_size=200), suffix=st.sampled_from([".yaml", ".json", ".toml", ".jsonl", ".yml"]))
    def run(data, suffix):
        path = tmp_path / f"case{suffix}"
        path.write_bytes(data)
        check(invoke(["run", str(path)]))

    run()


@pytest.mark.parametrize("n", EXAMPLES)
def test_garbled_text_on_stdin(invoke, n):
    @examples(n)
    @given(text=st.text(max_size=200))
    def run(text):
        check(invoke(["run", "-", "--format", "json"], input=text))
        check(invoke(["run", "-", "--input-format", "jsonl"], input=text))

    run()


@pytest.mark.parametrize("n", EXAMPLES)
def test_random_overrides(invoke, n):
    @examples(n)
    @given(pairs=st.lists(st.tuples(keys, st.text(max_size=12)), max_size=3))
    def run(pairs):
        args = []
        for key, value in pairs:
            args += ["--set", f"{key}={value}"]
        check(invoke(["run", "-", *args], input="answers: {tingling: yes}\n"))

    run()
