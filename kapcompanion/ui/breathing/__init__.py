"""ui/breathing"""
