"""The personal networking plan: goal, who can help, actions, ask (issue 10, part 4)."""
