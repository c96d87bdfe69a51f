"""ui/settings"""
