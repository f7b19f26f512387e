"""How large a graph HermiT is given whole: one figure the build and the check both follow.

HermiT classifies the whole graph in one Java process: 4-10 s for the 176 claims of the
real graph, minutes for 1,000 synthetic claims (about 5 on a quiet machine, 23 under load:
decision 0014, tests/reasoning/hermit_golden.py). Above this many
claims the build streams the graph into the store with the rules' inferences
(:mod:`lmskg.pipeline.large`) and ``lmskg check`` checks it by rules
(:mod:`lmskg.checks.at_scale`); HermiT then reasons over the ontology and vocabulary only.
"""

HERMIT_MAX_CLAIMS = 500
