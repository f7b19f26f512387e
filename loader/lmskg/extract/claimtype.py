"""Claim type and direction from the words of a clause.

Rules, in order; the first that fires decides the type. Each rule names the
cue that fired so the curator can see why (the draft's ``draft.cues``). The
cue lists follow the project's curation rules (docs/decisions/0005): 'should',
'recommended', 'preferred' make a recommendation; 'may be used', 'includes',
'can be treated with' an option; 'not recommended', 'detrimental' a
recommendation against (direction against); 'not sufficient', 'resistant',
'unlikely to' a caution (recommendation-against, neutral); 'still under
investigation', 'promising' an investigational claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .negation import Polarity


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


TRIAL_REFERRAL = _c(r"\bclinical\s+trials?\b.*\b(?:participat\w*|enrol\w*|join|take\s+part|consider|"
                    r"referr\w*|ask|eligible|option|encourag\w*)|\b(?:participat\w*|enrol\w*|join|"
                    r"take\s+part|inclusion|including|referr\w*)\b.*\bclinical\s+trials?\b")
TOOL = _c(r"\b(?:this|the|our|that)\s+(?:online\s+)?(?:tool|application|app|model)s?\b|"
          r"\bnomograms?\b|\bcalculators?\b|\bprediction\s+(?:model|tool)s?\b|\bpredictive\s+models?\b|"
          r"\brisk\s+scores?\b|\bprognostic\s+(?:model|tool|score)s?\b")
APPROVAL = _c(r"\b(?:approved|approval|authori[sz]ed|authori[sz]ation|licensed|granted|clears?|cleared)\b")
REGULATOR = _c(r"\b(?:FDA|EMA|Food\s+and\s+Drug\s+Administration|European\s+Medicines\s+Agency|"
               r"regulator\w*|MHRA|PMDA|Health\s+Canada|approved\s+(?:for|by))\b")
AGAINST = _c(r"\bnot\s+(?:be\s+)?recommended\b|\bshould\s+not\b|\bshouldn['’]t\b|\bmust\s+not\b|"
             r"\bavoid(?:ed)?\b|\bcontraindicated\b|\bnot\s+advised\b|\bno\s+role\b|"
             r"\b(?:are|is|were|was)(?:\s+not|n['’]t)\s+(?:usually\s+|routinely\s+|generally\s+)?"
             r"(?:used|given|offered|indicated|recommended|appropriate)\b|"
             r"\bdetrimental\b|\bharmful\b|\binappropriate\b|\bnot\s+appropriate\b|\bdiscouraged\b|"
             r"\bno\s+(?:proven\s+)?benefit\b|\bnot\s+beneficial\b|\bnot\s+an\s+option\b")
CAUTION = _c(r"\bnot\s+(?:always\s+)?sufficient\b|\binsufficient\b|\bresistant\b|\bresistance\b|"
             r"\bunlikely\s+to\b|\bneed(?:s)?\s+to\s+be\s+balanced\b|\bcaution\b|\bcareful(?:ly)?\b|"
             r"\bwith\s+care\b|\bcontroversial\b|\bare\s+limited\b|\bis\s+limited\b|\blimited\s+(?:role|"
             r"benefit|efficacy|evidence)\b|\bremains?\s+unclear\b|\bmodest\b|\bnot\s+(?:shared|"
             r"curative|effective)\b|\bineffective\b")
INVESTIGATIONAL = _c(r"\bunder\s+investigation\b|\bbeing\s+(?:explored|studied|investigated|evaluated|"
                     r"tested)\b|\binvestigational\b|\bexperimental\b|\bpromising\b|\bemerg(?:ing|ed)\b|"
                     r"\bnovel\b|\bearly[\s-]phase\b|\bmay\s+usher\b|\bholds?\s+promise\b|"
                     r"\boffers?\s+hope\b|\bremains?\s+to\s+be\s+(?:seen|determined|established)\b")
POSITIVE_HOPE = _c(r"\bpromising\b|\bhope\b|\bholds?\s+promise\b|\bemerged\b")
SELECTION = _c(r"\bdepend(?:s|ing|ent)?\s+(?:up)?on\b|\bbased\s+on\b|\baccording\s+to\b(?!\s+the\s+\w+\s+issue)|"
               r"\btailored\b|\bindividuali[sz]ed\b|\bchoice\s+of\b|\bdetermined\s+by\b|\bguided\s+by\b|"
               r"\bselection\s+of\b|\bchoose\b")
FACTOR = _c(r"\bprognos(?:is|tic)\b|\btends?\s+to\s+(?:recur|relapse|spread)\b|\brisk\s+of\s+"
            r"(?:recurrence|relapse|metastas[ie]s|death)\b|\bassociated\s+with\s+(?:a\s+)?(?:worse|better|"
            r"poor|improved|shorter|longer|higher|lower)\b|\bpredict(?:s|ive|ors?)\b|\bindependent\s+factor")
SIDE_EFFECT = _c(r"\bside[\s-]effects?\b|\badverse\s+(?:events?|effects?|reactions?)\b|\btoxicit(?:y|ies)\b|"
                 r"\bcomplications?\b|\b(?:can|may|might|could)\s+(?:also\s+)?(?:cause|damage|lead\s+to)\b|"
                 r"\bwell[\s-]tolerated\b|\btolerab\w+\b|\bsafety\b|\bwarnings?\b")
RECOMMEND = _c(r"\bshould\b|(?<!may\s)(?<!might\s)(?<!could\s)\brecommend(?:ed|s|ation)?\b|\bpreferred\b|"
               r"\boptimal\b|\bessential\b|\bimportant\s+to\b|\bstandard\s+(?:of\s+care|treatment|therapy|"
               r"approach|first[\s-]line)\b|\bmainstay\b|\bfirst\s+choice\b|\btreatment\s+of\s+choice\b|"
               r"\bmost\s+effective\b|\bis\s+advised\b|\bremains?\s+(?:the\s+)?(?:a\s+)?(?:\w+[\s-]+){0,2}"
               r"(?:standard|reference)\b|\breasonable\s+(?:palliative\s+)?standard\b|\bmust\b")
DESCRIPTION_STRONG = _c(r"\buses?\s+(?:high-energy|drugs|medications?|radiation|radioactive|the\s+body|"
                        r"anti)|\bis\s+the\s+use\s+of\b|\bworks?\s+by\b|\bis\s+an?\s+(?:type|form|kind|"
                        r"systemic|oral|intravenous)\b|\bare\s+drugs\b|\bdesigned\s+to\b|\bstimulates?\b|"
                        r"\binhibits?\b|\bis\s+called\b|\bmay\s+be\s+(?:taken|pills|given\s+as)\b|"
                        r"\bcan\s+be\s+delivered\b|\baims?\s+to\b|\bmechanism\b|\bis\s+an?\s+\w+\s+"
                        r"(?:inhibitor|agent|antibody|drug)\b")
OPTION = _c(r"\bused\s+(?:to\s+treat|for|in|as|routinely|with|along)\b|\b(?:can|may|could)\s+(?:also\s+|still\s+"
            r"|only\s+)?(?:be\s+)?(?:used|given|offered|administered|removed|employed|an?\s+option|"
            r"considered|need|recommend)\b|\bis\s+(?:often\s+|also\s+)?(?:used|given|employed)\b|"
            r"\bare\s+(?:often\s+|also\s+)?(?:used|given|employed|injected)\b|\boptions?\b|\binclude[sd]?\b|"
            r"\bhelpful\b|\buseful\b|\btreated\s+with\b|\bworth\s+considering\b|\bconsidered\b|"
            r"\bcommon(?:ly)?\b|\bwidely\s+used\b|\bcan\s+use\b|\bactive\b|\bactivity\b|\boption\b")
DESCRIPTION_WEAK = _c(r"\bkills?\b|\bdestroys?\b|\beradicat\w+\b|\bshrinks?\b|\binvolves?\s+putting\b|"
                      r"\bhelps?\s+(?:doctors|reduce|to\s+reduce)\b|\benters?\b|\btravels?\b|\btarget(?:s|ed)?\s+"
                      r"(?:and|specific|microscopic)\b|\bwill\s+try\b|\bcheck\b|\bremove\s+the\s+entire\b|"
                      r"\bdon['’]t\s+affect\b|\baren['’]t\s+the\s+same\b|\bfigure\s+out\b")
IMPROVE = _c(r"\bimprov\w*\b|\bprolong\w*\b|\bextend\w*\b|\blonger\b|\bbetter\b|\bsuperior\b|\bbenefit\w*\b|"
             r"\badvantage\b|\bbest\b|\bhigher\b|\bgreater\b|\bmore\s+frequent\b|\bdelay\w*\b|\beffective\b|"
             r"\bactivity\b|\bgain\b|\bsignificantly\b")
EXPLICIT_OPTION = _c(r"\bworth\s+considering\b|\b(?:may|can|could)\s+(?:also\s+)?be\s+considered\b|"
                     r"\bis\s+an?\s+(?:reasonable\s+|valid\s+|treatment\s+)?(?:option|alternative)\b|"
                     r"\breasonable\s+(?:option|alternative)\b")
QUESTION = _c(r"\bwhether\b|\bto\s+(?:determine|assess|evaluate|compare|investigate)\b|"
              r"\baimed\s+to\b")
WORSE = _c(r"\bworse\b|\binferior\b|\bshorter\b|\bdetrimental\b|\bless\s+effective\b")


@dataclass
class Features:
    """What a clause holds, as the type rules need it."""

    has_therapy: bool
    outcome_figures: int = 0
    dose_figures: int = 0
    measures: int = 0
    effects: int = 0
    factors: int = 0
    tools: int = 0
    polarity: Polarity = field(default_factory=Polarity)


@dataclass
class Typed:
    type: str
    direction: str
    cues: list[str]


def _hit(pattern: re.Pattern[str], text: str) -> str | None:
    m = pattern.search(text)
    return m.group() if m else None


def classify(clause: str, f: Features) -> Typed:
    """The claim type and direction of one clause, with the cues that decided."""
    if (c := _hit(TRIAL_REFERRAL, clause)):
        return Typed("trial-referral", "for", [c])
    if f.tools or (c := _hit(TOOL, clause)):
        return Typed("prognostic-tool", "neutral", [c or "tool named"])
    if (c := _hit(APPROVAL, clause)) and _hit(REGULATOR, clause):
        return Typed("regulatory-approval", "for", [c])
    if f.dose_figures and not f.outcome_figures:
        return Typed("dose", "neutral", ["dose figure"])
    if f.outcome_figures:
        return Typed("outcome", _outcome_direction(clause, f), ["outcome figure"])
    if (c := _hit(AGAINST, clause)):
        return Typed("recommendation-against", "against", [c])
    if (c := _hit(INVESTIGATIONAL, clause)):
        return Typed("investigational", "for" if _hit(POSITIVE_HOPE, clause) else "neutral", [c])
    if (c := _hit(CAUTION, clause)):
        return Typed("recommendation-against", "neutral", [c])
    if (c := _hit(EXPLICIT_OPTION, clause)) and f.has_therapy:
        return Typed("treatment-option", "for", [c])
    if (c := _hit(SELECTION, clause)) and (f.factors or f.has_therapy or "treatment" in clause.lower()):
        return Typed("treatment-selection", "neutral", [c])
    if not f.has_therapy and (f.factors or (c := _hit(FACTOR, clause))):
        return Typed("prognostic-factor", "neutral", [c or "factor named"])
    if (c := _hit(SIDE_EFFECT, clause)) or (f.effects and f.has_therapy):
        return Typed("side-effect", "neutral", [c or "effect named"])
    if f.measures and (c := _hit(IMPROVE, clause)):
        return Typed("outcome", _outcome_direction(clause, f), [c])
    if (c := _hit(RECOMMEND, clause)):
        return Typed("recommendation", "for", [c])
    if (c := _hit(DESCRIPTION_STRONG, clause)):
        return Typed("therapy-description", "neutral", [c])
    if (c := _hit(OPTION, clause)):
        return Typed("treatment-option", "for", [c])
    if (c := _hit(DESCRIPTION_WEAK, clause)):
        return Typed("therapy-description", "neutral", [c])
    return Typed("treatment-option", "for", ["default: a therapy is named"])


def _outcome_direction(clause: str, f: Features) -> str:
    if _hit(QUESTION, clause):
        return "neutral"  # a question asked, not an answer given
    improved = _hit(IMPROVE, clause)
    if _hit(WORSE, clause):
        return "against"
    if improved and f.polarity.negated:
        return "against"  # 'did not improve', 'no survival advantage'
    if improved and not re.search(r"\bnot\s+significant|\bdid\s+not\b|\bno\s+\w*\s*(?:difference|advantage)",
                                  clause, re.I):
        return "for"
    return "neutral"
