"""ui/presentation"""
