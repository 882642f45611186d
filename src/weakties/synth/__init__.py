from .model import SynthEmployee, SynthOrganisation, SynthPerson, SynthTie
from .organisation import generate_organisation
