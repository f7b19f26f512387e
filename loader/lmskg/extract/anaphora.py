"""Words that refer back, or name a treatment without naming it.

'It', 'these drugs', 'the combination', 'this doublet' point to a therapy
named before; 'the treatments', 'adjuvant therapies' name a treatment the
clause does not identify (an unnamed therapy in the curated format).
"""

from __future__ import annotations

import re

ANAPHOR = re.compile(r"^\W*(?:\w+\W+){0,5}?(?:it|they|them|both|(?:these|this|those|such|the)\s+"
                     r"(?:[\w-]+\s+)?(?:combination|doublet|drugs?|agents?|regimens?|treatments?|"
                     r"therap(?:y|ies)|procedures?|medications?|advances|advancements|approaches|"
                     r"options|techniques|modalit(?:y|ies)|latter|former))\b", re.I)

COMBINATION_REF = re.compile(r"\b(?:this|the|that|these)\s+(?:doublet|triplet|combination|"
                             r"regimen|combination\s+(?:arm|group|regimen))\b(?!\s+(?:of|with)\b)",
                             re.I)

DETERMINER = re.compile(r"\b(?:these|this|those|such|the|its|their|other)\s+(?:[\w-]+\s+)?$", re.I)

GENERIC_TREATMENT = re.compile(r"\b(?:treatments?|therap(?:y|ies)|options?|regimens?|drugs?|"
                               r"approach(?:es)?|medications?|agents?|interventions?)\b", re.I)
