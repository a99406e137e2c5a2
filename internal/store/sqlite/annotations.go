package sqlite

// strOrNil stores an empty string as NULL.
func strOrNil(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
