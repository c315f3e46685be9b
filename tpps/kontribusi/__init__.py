"""Partner (CSR / TJSLBU) contributions: what each partner gave, where and for whom."""
