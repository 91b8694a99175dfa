"""Mock exam pages: `home` (choose and start, history), `sitting` (questions, save, summary, submit),
`results` (result, review, retake)."""
