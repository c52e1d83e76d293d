"""Wave-to-wave and country comparisons: computed (:mod:`.build`), wording and written pages."""
