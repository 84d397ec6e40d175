"""Scripts that regenerate the derived word and place lists under rules/."""
