from . import fami_cost_category
