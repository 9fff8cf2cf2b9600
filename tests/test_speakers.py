"""speakers.classify on names as dialogue pages print them: the exact Speaker each one gives."""

from __future__ import annotations

import pytest

from r2p_archive.speakers import Speaker, classify

GCR2P = "Global Centre for the Responsibility to Protect"
FRIENDS = "Group of Friends of the Responsibility to Protect"


@pytest.mark.parametrize("printed, speaker", [
    ("Brazil", Speaker("Brazil", "state", "BRA")),
    ("Statement by the Permanent Mission of Brazil", Speaker("Brazil", "state", "BRA")),
    ("United States of America", Speaker("United States", "state", "USA")),
    ("Republic of Korea", Speaker("Republic of Korea", "state", "KOR")),
    ("Côte d'Ivoire", Speaker("Côte d'Ivoire", "state", "CIV")),
    ("Holy See", Speaker("Holy See", "state", "VAT")),
    (f"Switzerland on behalf of the {FRIENDS}",
     Speaker("Switzerland", "state", "CHE", f"on behalf of the {FRIENDS}")),
    ("Netherlands (on behalf of the Benelux)",
     Speaker("Netherlands", "state", "NLD", "on behalf of the Benelux")),
    ("European Union", Speaker("European Union", "organization")),
    ("Group of Friends of R2P", Speaker(FRIENDS, "organization")),
    (GCR2P, Speaker(GCR2P, "civil_society")),
    ("International Coalition for the Responsibility to Protect (ICRtoP)",
     Speaker("International Coalition for the Responsibility to Protect", "civil_society")),
    ("Human Rights Watch", Speaker("Human Rights Watch", "civil_society")),
    ("Amnesty International", Speaker("Amnesty International", "civil_society")),
    ("Mr. Ban Ki-moon, Secretary-General",
     Speaker("Mr. Ban Ki-moon, Secretary-General", "un_official")),
    ("Special Adviser on the Prevention of Genocide",
     Speaker("Special Adviser on the Prevention of Genocide", "un_official")),
    ("Ms. Jennifer Welsh", Speaker("Ms. Jennifer Welsh", "panelist")),
])
def test_classify(printed, speaker):
    assert classify(printed) == speaker


@pytest.mark.parametrize("printed", [
    "Introduction",  # a heading
    "The responsibility to protect is a principle that we all share and support.",  # prose
    "1234",  # no letter
    "x" * 201,  # longer than any name
    "",
])
def test_no_speaker(printed):
    assert classify(printed) is None


def test_people_only_when_allowed():
    assert classify("Ms. Jennifer Welsh", allow_people=False) is None
    # a known organisation needs no guess from the shape of its name
    assert classify("Group of Friends of R2P", allow_generic=False) == Speaker(
        FRIENDS, "organization")
